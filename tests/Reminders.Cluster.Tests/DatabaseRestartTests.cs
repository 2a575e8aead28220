using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Reminders.Testing;
using Xunit.Abstractions;

namespace Reminders.Cluster.Tests;

/// <summary>
/// Real silo processes on real time against a PostgreSQL server of the test's own, which is stopped hard in the
/// middle of a herd and started again: what a database crash or a failover looks like to the service.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    private const int UserCount = 2000;
    private const int DeliveredBeforeTheCrash = 200;

    // The fault's length, not a wait for something to happen: the database is away this long.
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PostgresStoppedHardMidHerd_EveryKeyIsAcceptedOnce_OnlyInFlightOnesResent_AndTheBacklogDrainsWithinAMinute()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);

        // Due at the start of a minute at least two minutes away: time for two silos to start and 2,000 users.
        var now = TimeProvider.System.GetUtcNow();
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(now.Second < 30 ? 3 : 4);
        var apiPort = FreeTcpPort.Next();
        var cluster = "pgcrash-" + Guid.NewGuid().ToString("N")[..10];
        Dictionary<string, string> Environment() => new()
        {
            ["ConnectionStrings__Reminders"] = server.ConnectionString,
            ["Reminders__Cluster__ClusterId"] = cluster,
            ["Reminders__Cluster__ServiceId"] = cluster,
            ["Reminders__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Delivery__WebhookUrl"] = receiver.Url.ToString(),
            ["Reminders__Events__Birthday__LocalTime"] = due.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}",
            ["Reminders__Auth__Disabled"] = "true",
            ["Reminders__Auth__RequestsPerSecond"] = "0",
        };

        await using var api = SiloProcess.Start("api", "Api", "Reminders.Api.dll", Environment());
        await using var worker = SiloProcess.Start("worker", "Silo", "Reminders.Silo.dll", Environment());
        await using var database = NpgsqlDataSource.Create(server.ConnectionString);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        await Eventually.HoldsAsync(async () => await ActiveSilosAsync(database, cluster) == 2, "both silos are active", TimeSpan.FromSeconds(90));
        await Eventually.HoldsAsync(async () => (await TryGetAsync(http, "/health/ready"))?.IsSuccessStatusCode == true, "the API is ready", TimeSpan.FromSeconds(30));

        var birthday = "1990-" + due.ToString("MM-dd", CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(0, UserCount).Select(i => $"u{i}").ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, cancellationToken) =>
        {
            using var response = await http.PostAsJsonAsync("/api/v1/users", new
            {
                id, firstName = "Ada", lastName = id, email = $"{id}@example.com", birthday, timezone = "UTC",
            }, cancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        });
        Assert.True(TimeProvider.System.GetUtcNow() < due, $"the users were created in time for {due:O}");

        // Mid-herd, the database goes away hard, and comes back after the outage.
        await Eventually.HoldsAsync(() => receiver.Received.Count >= DeliveredBeforeTheCrash, "the herd is under way", due - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60));
        await server.StopHardAsync();
        var crashed = TimeProvider.System.GetUtcNow();
        var atTheCrash = receiver.Received.Count;
        await Task.Delay(Outage);
        await server.StartAgainAsync();
        var back = TimeProvider.System.GetUtcNow();
        database.Clear(); // the test's own pooled connections died with the server

        await Eventually.HoldsAsync(
            () => receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count() == UserCount,
            $"every user got a message within a minute of the database's return (api log: {api.OutputTail})", TimeSpan.FromSeconds(60));
        var drained = receiver.Received.Max(r => r.At);
        await Eventually.HoldsAsync(async () => await DeliveredRowsAsync(database, cluster) == UserCount, "every outcome is recorded", TimeSpan.FromSeconds(60));

        // Each key accepted once by a deduplicating receiver; a key is sent again only if its attempt was on the
        // wire when the database went away (its outcome could not be written), and then once. A request that
        // arrived before the database was back was claimed before it went away: no claim is written without it.
        var byKey = receiver.Received.GroupBy(r => r.IdempotencyKey!).ToDictionary(g => g.Key, g => g.OrderBy(r => r.At).ToList());
        Assert.Equal(ids.Select(id => $"user:{id}:birthday:{due.Year}").Order(), byKey.Keys.Order());
        var resent = byKey.Where(k => k.Value.Count > 1).ToList();
        Assert.All(resent, k =>
        {
            Assert.Equal(2, k.Value.Count);
            Assert.True(k.Value[0].At < back, $"{k.Key} was first sent at {k.Value[0].At:O}, after the database was back at {back:O}");
        });
        Assert.False(api.HasExited, "the API silo kept running");
        Assert.False(worker.HasExited, "the worker silo kept running");
        output.WriteLine(
            $"{UserCount} users due at {due:O}; database stopped hard at {crashed:O} after {atTheCrash} requests, back at {back:O}; " +
            $"{resent.Count} keys resent; last request {(drained - back).TotalSeconds:F1} s after the database's return.");
    }

    private static async Task<long> ActiveSilosAsync(NpgsqlDataSource database, string cluster)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3");
            command.Parameters.AddWithValue("cluster", cluster);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException)
        {
            return 0; // the schema is still being created by the first silo
        }
    }

    private static async Task<long> DeliveredRowsAsync(NpgsqlDataSource database, string cluster)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM reminders_occurrences WHERE service_id = @cluster AND status = 'delivered'");
        command.Parameters.AddWithValue("cluster", cluster);
        return (long)(await command.ExecuteScalarAsync())!;
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
}
