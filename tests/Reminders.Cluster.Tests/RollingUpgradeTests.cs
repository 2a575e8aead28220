using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reminders.Testing;
using Xunit.Abstractions;

namespace Reminders.Cluster.Tests;

/// <summary>
/// A rolling upgrade on real processes: an API silo of the previous release (scripts/previous-release, built from
/// this clone's history) and one of this release run side by side on one database, each creating users and both
/// delivering. Then the new one is stopped with SIGTERM, so the old one reads everything; a new one starts again and
/// the old one is stopped, so the new one reads everything. Every key is delivered once, and what either release
/// wrote (grain state, ledger rows, catalog rows) the other reads.
/// </summary>
public sealed class RollingUpgradeTests(ITestOutputHelper output)
{
    private const int UsersPerRelease = 10;

    // The hosts' default shutdown budget is 30 s; Kubernetes' grace period in deploy/k8s is 45 s.
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task PreviousReleaseMissingFromTheClone_FailsNamingTheShallowClone()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PreviousRelease.BuildAsync("0123456789abcdef0123456789abcdef01234567"));
        Assert.Contains("not in this clone", error.Message, StringComparison.Ordinal);
        Assert.Contains("git fetch --unshallow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OldAndNewSilosSideBySide_ThenEachLeftAlone_DeliverEachKeyOnceAndReadEachOthersStateAndRows()
    {
        var previous = await PreviousRelease.BuildAsync();
        await using var database = await PostgresDatabase.CreateAsync(migrate: false);
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);

        // Everyone's birthday falls due at the start of one minute, late enough for both silos to start and create users.
        var now = TimeProvider.System.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var due = minute.AddMinutes(Math.Ceiling((now + TimeSpan.FromSeconds(75) - minute).TotalMinutes));
        var cluster = "upgrade-" + Guid.NewGuid().ToString("N")[..10];
        var (oldPort, newPort) = (FreeTcpPort.Next(), FreeTcpPort.Next());
        Dictionary<string, string> Environment(int httpPort) => new()
        {
            ["ConnectionStrings__Reminders"] = database.ConnectionString,
            ["Reminders__Cluster__ClusterId"] = cluster,
            ["Reminders__Cluster__ServiceId"] = cluster,
            ["Reminders__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Delivery__WebhookUrl"] = receiver.Url.ToString(),
            ["Reminders__Events__Birthday__LocalTime"] = due.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["Reminders__Auth__Disabled"] = "true",
            ["Reminders__Auth__RequestsPerSecond"] = "0",
        };

        // The old release first, on an empty database (it creates its own schema); the new one joins and migrates.
        await using var oldApi = SiloProcess.StartAssembly("old-api", previous.ApiAssembly, Environment(oldPort));
        using var oldHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{oldPort}") };
        await WaitReadyAsync(oldHttp, oldApi);
        await using var newApi = SiloProcess.Start("new-api", "Api", "Reminders.Api.dll", Environment(newPort));
        using var newHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{newPort}") };
        await WaitReadyAsync(newHttp, newApi);
        await Eventually.HoldsAsync(async () => await ActiveSilosAsync(database, cluster) == 2, "both silos are active", TimeSpan.FromSeconds(60));

        var birthday = "1990-" + due.ToString("MM-dd", CultureInfo.InvariantCulture);
        var oldUsers = await CreateUsersAsync(oldHttp, "old", birthday);
        var newUsers = await CreateUsersAsync(newHttp, "new", birthday);
        var all = oldUsers.Concat(newUsers).ToList();
        Assert.True(TimeProvider.System.GetUtcNow() < due, $"the users were created before {due:O}");

        // Each release reads the users the other created (the grain may live on either silo).
        await AssertUsersAsync(oldHttp, newUsers, birthday);
        await AssertUsersAsync(newHttp, oldUsers, birthday);

        // Both silos deliver while both run.
        var keys = all.Select(id => $"user:{id}:birthday:{due.Year}").Order(StringComparer.Ordinal).ToList();
        await Eventually.HoldsAsync(() => receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count() == keys.Count,
            $"every user got a message (old: {oldApi.OutputTail})", due - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(async () => await DeliveredRowsAsync(database, cluster) == keys.Count, "every outcome is recorded", TimeSpan.FromSeconds(30));

        // Which silo sent what, from each one's log (placement decides; reported, not asserted).
        var sentByOld = keys.Count(k => oldApi.Output.Contains($"Occurrence {k} delivered", StringComparison.Ordinal));
        var sentByNew = keys.Count(k => newApi.Output.Contains($"Occurrence {k} delivered", StringComparison.Ordinal));

        // The new silo leaves first: the old one takes every entity over and reads what the new release wrote.
        await TerminateAsync(newApi);
        await AssertUsersAsync(oldHttp, all, birthday);
        await AssertDeliveredOnceAsync(oldHttp, all, due.Year);

        // The new release comes back and the old silo leaves for good: the new one reads what the old release wrote.
        var againPort = FreeTcpPort.Next();
        await using var newAgain = SiloProcess.Start("new-api-2", "Api", "Reminders.Api.dll", Environment(againPort));
        using var newHttp2 = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{againPort}") };
        await WaitReadyAsync(newHttp2, newAgain);
        await TerminateAsync(oldApi);
        await AssertUsersAsync(newHttp2, all, birthday);
        await AssertDeliveredOnceAsync(newHttp2, all, due.Year);

        using (var listed = JsonDocument.Parse(await newHttp2.GetStringAsync("/api/v1/users?limit=100")))
        {
            Assert.Equal(all.Order(StringComparer.Ordinal), listed.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
        }

        // Nothing more is sent, and nothing twice: each key reached the receiver exactly once.
        Assert.Equal(keys, receiver.Received.Select(r => r.IdempotencyKey!).Order(StringComparer.Ordinal));
        Assert.False(newAgain.HasExited, "the new silo kept running");
        output.WriteLine($"previous release {previous.Commit} from {previous.Folder}; {keys.Count} keys due at {due:O}, each delivered once ({sentByOld} by the old silo, {sentByNew} by the new one, by their logs).");
    }

    private static async Task TerminateAsync(SiloProcess silo)
    {
        var exitCode = await silo.TerminateAsync(GracePeriod);
        Assert.True(exitCode == 0, $"{silo.Name} exited with {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "nothing within the grace period"}: {silo.OutputTail}");
    }

    private static async Task AssertDeliveredOnceAsync(HttpClient http, IEnumerable<string> ids, int year)
    {
        foreach (var id in ids)
        {
            using var history = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/users/{id}/occurrences"));
            var delivered = Assert.Single(history.RootElement.GetProperty("items").EnumerateArray());
            Assert.Equal(($"user:{id}:birthday:{year}", "delivered", 1),
                (delivered.GetProperty("key").GetString(), delivered.GetProperty("status").GetString(), delivered.GetProperty("attempts").GetInt32()));
        }
    }

    private static async Task<IReadOnlyList<string>> CreateUsersAsync(HttpClient http, string prefix, string birthday)
    {
        var ids = Enumerable.Range(0, UsersPerRelease).Select(i => $"{prefix}{i}").ToList();
        foreach (var id in ids)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/users", new
            {
                id, firstName = "Ada", lastName = id, email = $"{id}@example.com", birthday, timezone = "UTC",
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        return ids;
    }

    private static async Task AssertUsersAsync(HttpClient http, IEnumerable<string> ids, string birthday)
    {
        foreach (var id in ids)
        {
            using var response = await http.GetAsync($"/api/v1/users/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal((id, birthday, "Etc/UTC", 1),
                (user.RootElement.GetProperty("lastName").GetString(), user.RootElement.GetProperty("birthday").GetString(),
                 user.RootElement.GetProperty("timezone").GetString(), user.RootElement.GetProperty("version").GetInt32()));
        }
    }

    private static async Task WaitReadyAsync(HttpClient http, SiloProcess silo) =>
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, $"{silo.Name} is ready; it wrote: {silo.OutputTail}", TimeSpan.FromSeconds(90));

    private static async Task<long> ActiveSilosAsync(PostgresDatabase database, string cluster) =>
        await database.ScalarAsync<long>("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3", ("cluster", cluster));

    private static async Task<long> DeliveredRowsAsync(PostgresDatabase database, string cluster) =>
        await database.ScalarAsync<long>("SELECT count(*) FROM reminders_occurrences WHERE service_id = @cluster AND status = 'delivered'", ("cluster", cluster));
}
