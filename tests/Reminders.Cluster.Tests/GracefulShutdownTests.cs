using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Reminders.Testing;
using Xunit.Abstractions;

namespace Reminders.Cluster.Tests;

/// <summary>
/// Real silo processes on real time: a worker silo gets SIGTERM, as a pod does on a rolling deploy, in the middle
/// of a herd it shares with the API silo, while some of its deliveries are on the wire.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int UserCount = 1000;
    private const int AnsweredBeforeTheSignal = 150;
    private const int HeldAtTheSignal = 16;

    // Orleans' SiloStatus: ShuttingDown = 4, Stopping = 5, Dead = 6.
    private const int ShuttingDown = 4;
    private const int Dead = 6;

    // The hosts' default shutdown budget is 30 s; Kubernetes' grace period in deploy/k8s is 45 s.
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task WorkerTerminatedMidHerd_FinishesItsInFlightAttempts_AndTheOtherSiloDeliversTheRestAtOnce_EachKeyOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);
        var started = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new ConcurrentBag<string>();
        receiver.Respond = async request =>
        {
            // The first ones are answered at once; the next few stay on the wire until the worker is shutting down.
            if (Interlocked.Increment(ref started) > AnsweredBeforeTheSignal && !release.Task.IsCompleted)
            {
                held.Add(request.IdempotencyKey!);
                await release.Task;
            }

            return 200;
        };

        // Due at the start of a minute at least 90 s away: time for two silos to start and 1,000 users to be created.
        var now = TimeProvider.System.GetUtcNow();
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(now.Second < 30 ? 2 : 3);
        var apiPort = FreeTcpPort.Next();
        var cluster = "sigterm-" + Guid.NewGuid().ToString("N")[..10];
        Dictionary<string, string> Environment() => new()
        {
            ["ConnectionStrings__Reminders"] = database.ConnectionString,
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
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        await Eventually.HoldsAsync(async () => await SilosAsync(database, cluster, "status = 3") == 2, "both silos are active", TimeSpan.FromSeconds(60));
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

        // Mid-herd, with attempts held on the wire: SIGTERM the worker, and let those attempts answer only once it
        // is leaving, so they finish during its shutdown.
        await Eventually.HoldsAsync(() => held.Count >= HeldAtTheSignal, "the herd is under way", due - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60));
        var signalled = TimeProvider.System.GetUtcNow();
        var exit = worker.TerminateAsync(GracePeriod);
        await Eventually.HoldsAsync(async () => await SilosAsync(database, cluster, $"status >= {ShuttingDown}") == 1, "the worker is leaving the cluster", GracePeriod);
        release.SetResult();

        var exitCode = await exit;
        var exited = TimeProvider.System.GetUtcNow();
        Assert.True(exitCode == 0, $"the worker exited with {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "nothing within the grace period"}: {worker.OutputTail}");
        Assert.Equal(1, await SilosAsync(database, cluster, $"status = {Dead}"));

        // The rest within the reminders' one-minute period of the worker's exit: handed over, not left for a tick.
        await Eventually.HoldsAsync(
            () => receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count() == UserCount,
            $"every user got a message (api log: {api.OutputTail})", TimeSpan.FromSeconds(50));
        var last = receiver.Received.Max(r => r.At);
        var counts = receiver.Received.GroupBy(r => r.IdempotencyKey!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ids.Select(id => $"user:{id}:birthday:{due.Year}").Order(), counts.Keys.Order());

        // A graceful stop lets the attempts on the wire finish and records their outcomes. A key may still be sent
        // twice, once, if the silo that takes the entity over reads its row while the leaving silo's attempt is
        // not yet recorded (Orleans allows a brief overlap of activations while ownership moves): then the
        // deduplicating receiver accepts it once. It must have been on the wire before the worker exited.
        var resent = receiver.Received.GroupBy(r => r.IdempotencyKey!).Where(g => g.Count() > 1).ToList();
        Assert.All(resent, g =>
        {
            Assert.Equal(2, g.Count());
            Assert.True(g.Min(r => r.At) < exited, $"{g.Key} was first sent after the worker exited");
        });
        await Eventually.HoldsAsync(async () => await DeliveredRowsAsync(database, cluster) == UserCount, "every outcome is recorded", TimeSpan.FromSeconds(30));
        Assert.False(api.HasExited, "the API silo kept running");
        output.WriteLine(
            $"{UserCount} users due at {due:O}; SIGTERM at {signalled:O} with {held.Count} attempts on the wire; " +
            $"worker exited {(exited - signalled).TotalSeconds:F1} s later; {receiver.Received.Count(r => r.At > exited)} delivered after its exit; " +
            $"last delivery {(last - signalled).TotalSeconds:F1} s after SIGTERM; {resent.Count} keys sent twice.");
        output.WriteLine(string.Join('\n', api.Output.Split('\n').Where(l => l.Contains("Woke", StringComparison.Ordinal))));
    }

    private static async Task<long> SilosAsync(PostgresDatabase database, string cluster, string condition)
    {
        try
        {
            return await database.ScalarAsync<long>(
                $"SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND {condition}", ("cluster", cluster));
        }
        catch (Npgsql.PostgresException)
        {
            return 0; // the schema is still being created by the first silo
        }
    }

    private static Task<long> DeliveredRowsAsync(PostgresDatabase database, string cluster) =>
        database.ScalarAsync<long>(
            "SELECT count(*) FROM reminders_occurrences WHERE service_id = @cluster AND status = 'delivered'", ("cluster", cluster));

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
