using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Reminders.Testing;
using Xunit.Abstractions;

namespace Reminders.Cluster.Tests;

/// <summary>
/// Real silo processes on real time: the API silo and a worker silo share a burst of deliveries, and the
/// worker is killed (SIGKILL) while some of its deliveries are on the wire.
/// </summary>
public sealed class KilledSiloTests(ITestOutputHelper output)
{
    private const int UserCount = 60;
    private const int AnsweredBeforeTheKill = 10;

    [Fact]
    public async Task WorkerKilledMidBurst_EveryOccurrenceIsDelivered_AndOnlyInFlightOnesAreResent()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);
        var started = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heldAtTheKill = new ConcurrentBag<string>();
        receiver.Respond = async request =>
        {
            // The first few are answered at once; the rest stay on the wire until the worker is dead.
            if (Interlocked.Increment(ref started) > AnsweredBeforeTheKill && !release.Task.IsCompleted)
            {
                heldAtTheKill.Add(request.IdempotencyKey!);
                await release.Task;
            }

            return 200;
        };

        // Due at the start of a minute at least 90 s away (time for two silos to start on a busy machine), in
        // UTC, for users whose birthday is that day.
        var now = TimeProvider.System.GetUtcNow();
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(now.Second < 30 ? 2 : 3);
        var apiPort = FreeTcpPort.Next();
        var cluster = "killed-" + Guid.NewGuid().ToString("N")[..10];
        Dictionary<string, string> Environment(int siloPort) => new()
        {
            ["ConnectionStrings__Reminders"] = database.ConnectionString,
            ["Reminders__Cluster__ClusterId"] = cluster,
            ["Reminders__Cluster__ServiceId"] = cluster,
            ["Reminders__Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Reminders__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Delivery__WebhookUrl"] = receiver.Url.ToString(),
            ["Reminders__Events__Birthday__LocalTime"] = due.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}",
            // The API process runs as Production, which otherwise needs keys; the status polls below are one caller far above any limit.
            ["Reminders__Auth__Disabled"] = "true",
            ["Reminders__Auth__RequestsPerSecond"] = "0",
        };

        await using var api = SiloProcess.Start("api", "Api", "Reminders.Api.dll", Environment(FreeTcpPort.Next()));
        await using var worker = SiloProcess.Start("worker", "Silo", "Reminders.Silo.dll", Environment(FreeTcpPort.Next()));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        await Eventually.HoldsAsync(async () => await ActiveSilosAsync(database, cluster) == 2, "both silos are active", TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(async () => (await TryGetAsync(http, "/health/ready"))?.IsSuccessStatusCode == true, "the API is ready", TimeSpan.FromSeconds(30));

        var birthday = "1990-" + due.ToString("MM-dd", CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(0, UserCount).Select(i => $"u{i}").ToArray();
        var created = await Task.WhenAll(ids.Select(id => http.PostAsJsonAsync("/api/v1/users", new
        {
            id, firstName = "Ada", lastName = id, email = $"{id}@example.com", birthday, timezone = "UTC",
        })));
        Assert.All(created, r => Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode));
        var upcoming = (await created[0].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upcoming")[0].GetProperty("dueUtc").GetString();
        Assert.True(upcoming == due.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), $"the users were created in time for {due:O}, not {upcoming}");

        // Mid-burst: some answered, some held on the wire. Kill the worker, then let the held ones finish.
        await Eventually.HoldsAsync(() => Volatile.Read(ref started) >= AnsweredBeforeTheKill + 10, "the burst is under way", due - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30));
        await worker.KillAsync();
        var heldKeys = heldAtTheKill.ToHashSet();
        // What the ledger had recorded as delivered when the worker died: those keys must never be sent again. An
        // answered attempt whose outcome the worker had not written yet may be, like one still on the wire.
        var recordedAtTheKill = (await DeliveredKeysAsync(database, cluster)).ToHashSet();
        release.SetResult();

        await Eventually.HoldsAsync(
            () => receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count() == UserCount,
            $"every user got a message (api log: {api.OutputTail})", TimeSpan.FromMinutes(3));
        await Eventually.HoldsAsync(async () => (await StatusesAsync(http, ids)).All(s => s.Status == "delivered"), "every outcome is recorded", TimeSpan.FromMinutes(2));

        // Exactly once per key, except a key whose outcome its silo had not recorded when it died (on the wire, or
        // answered a moment before the kill): that one may have been resent once under the same key.
        var counts = receiver.Received.GroupBy(r => r.IdempotencyKey!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ids.Select(id => $"user:{id}:birthday:{due.Year}").Order(), counts.Keys.Order());
        Assert.Empty(heldKeys.Intersect(recordedAtTheKill));
        Assert.All(counts.Where(c => c.Value > 1), c =>
        {
            Assert.Equal(2, c.Value);
            Assert.DoesNotContain(c.Key, recordedAtTheKill);
        });
        Assert.True(api.HasExited == false, "the API silo survived");
        output.WriteLine($"{UserCount} users due at {due:O}; {heldKeys.Count} deliveries on the wire at the kill; " +
            $"{recordedAtTheKill.Count} recorded as delivered at the kill; {counts.Count(c => c.Value > 1)} resent under the same key; last message at {receiver.Received.Max(r => r.At):O}.");
    }

    private static async Task<long> ActiveSilosAsync(PostgresDatabase database, string cluster)
    {
        try
        {
            return await database.ScalarAsync<long>(
                "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3", ("cluster", cluster));
        }
        catch (Npgsql.PostgresException)
        {
            return 0; // the schema is still being created by the first silo
        }
    }

    private static async Task<IReadOnlyList<string>> DeliveredKeysAsync(PostgresDatabase database, string cluster)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT occurrence_key FROM reminders_occurrences WHERE service_id = @cluster AND status = 'delivered'");
        command.Parameters.AddWithValue("cluster", cluster);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<HttpResponseMessage?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            return await http.GetAsync(path);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<(string Id, string? Status)>> StatusesAsync(HttpClient http, IEnumerable<string> ids) =>
        await Task.WhenAll(ids.Select(async id =>
        {
            // Right after the kill, calls to grains that lived on the dead silo answer 503 until the cluster notices.
            using var response = await http.GetAsync($"/api/v1/users/{id}/occurrences");
            if (!response.IsSuccessStatusCode)
            {
                return (id, (string?)null);
            }

            var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
            return (id, items.GetArrayLength() == 0 ? null : items[0].GetProperty("status").GetString());
        }));
}
