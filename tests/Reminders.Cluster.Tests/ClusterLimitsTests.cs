using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Reminders.Testing;
using Xunit.Abstractions;

namespace Reminders.Cluster.Tests;

/// <summary>
/// The per-target rate limit and the in-flight limit are the cluster's, not each silo's: three silo processes
/// (the API and two workers) on real time send a herd to one slow receiver that measures both.
/// </summary>
public sealed partial class ClusterLimitsTests(ITestOutputHelper output)
{
    private const int Rate = 20;
    private const int InFlight = 4;

    // Two herds to one receiver: one answered slowly, so the in-flight limit binds (4 slots / 0.4 s = 10 a second,
    // under the rate), then one answered at once, so the rate binds.
    private const int SlowHerd = 80;
    private const int FastHerd = 200;
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan FastAnswer = TimeSpan.FromMilliseconds(5);

    // Rates are read over windows this long. The stated tolerance: each silo's token bucket may start full (a
    // one-second burst), so a window may hold one second's budget more than its length, and 10 % more for the jitter
    // of replenishment timers and of the network on a loaded machine (5 s at 20/s: at most 132, not 100).
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private const double Jitter = 1.1;

    [Fact]
    public async Task ThreeSilos_OneTarget_KeepTheClusterWideRateAndInFlightLimits()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);
        var inFlight = 0;
        var peak = 0;
        var arrivals = new System.Collections.Concurrent.ConcurrentQueue<long>();
        receiver.Respond = async request =>
        {
            var slow = request.IdempotencyKey!.StartsWith("schedule:slow", StringComparison.Ordinal);
            if (!slow)
            {
                arrivals.Enqueue(Stopwatch.GetTimestamp());
            }

            var now = Interlocked.Increment(ref inFlight);
            for (var seen = Volatile.Read(ref peak); now > seen && Interlocked.CompareExchange(ref peak, now, seen) != seen; seen = Volatile.Read(ref peak))
            {
            }

            await Task.Delay(slow ? SlowAnswer : FastAnswer);
            Interlocked.Decrement(ref inFlight);
            return 200;
        };

        var cluster = "limits-" + Guid.NewGuid().ToString("N")[..10];
        var apiPort = FreeTcpPort.Next();
        Dictionary<string, string> Environment() => new()
        {
            ["ConnectionStrings__Reminders"] = server.ConnectionString,
            ["Reminders__Cluster__ClusterId"] = cluster,
            ["Reminders__Cluster__ServiceId"] = cluster,
            ["Reminders__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Delivery__WebhookUrl"] = receiver.Url.ToString(),
            ["Reminders__Delivery__TargetRatePerSecond"] = Rate.ToString(CultureInfo.InvariantCulture),
            ["Reminders__Delivery__MaxInFlight"] = InFlight.ToString(CultureInfo.InvariantCulture),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}",
            ["Reminders__Auth__Disabled"] = "true",
            ["Reminders__Auth__RequestsPerSecond"] = "0",
        };
        await using var api = SiloProcess.Start("api", "Api", "Reminders.Api.dll", Environment());
        await using var first = SiloProcess.Start("worker-1", "Silo", "Reminders.Silo.dll", Environment());
        await using var second = SiloProcess.Start("worker-2", "Silo", "Reminders.Silo.dll", Environment());
        SiloProcess[] silos = [api, first, second];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };

        // Every silo has seen all three and taken its share (7, 7 and 6 a second; 2, 1 and 1 slots).
        await Eventually.HoldsAsync(
            () => silos.All(s => s.Output.Contains("of 3 active", StringComparison.Ordinal)),
            "every silo counts three active silos", TimeSpan.FromSeconds(120));
        await Eventually.HoldsAsync(async () => await ReadyAsync(http), "the API is ready", TimeSpan.FromSeconds(60));

        // The slow herd first, the fast one when the slow one is done (10 a second: 8 s), each created before it is due.
        var slowDue = TimeProvider.System.GetUtcNow().AddSeconds(45);
        await CreateHerdAsync(http, "slow", SlowHerd, slowDue);
        var fastDue = slowDue.AddSeconds(25);
        await CreateHerdAsync(http, "fast", FastHerd, fastDue);
        Assert.True(TimeProvider.System.GetUtcNow() < slowDue, "both herds were created before the first fell due");

        await Eventually.HoldsAsync(
            () => receiver.Accepted.Select(r => r.IdempotencyKey).Distinct().Count() == SlowHerd + FastHerd,
            "both herds arrived", fastDue - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(120));

        var times = arrivals.Order().ToList();
        var busiest = times.Select((t, i) => times.Skip(i).TakeWhile(u => Stopwatch.GetElapsedTime(t, u) < Window).Count()).Max();
        var allowed = (int)(Rate * (Window.TotalSeconds + 1) * Jitter);
        var spread = Stopwatch.GetElapsedTime(times[0], times[^1]);
        var perSilo = silos.ToDictionary(s => s.Name, s => DeliveredLine().Count(s.Output));
        output.WriteLine(
            $"fast herd: {FastHerd} over {spread.TotalSeconds:F1} s ({FastHerd / spread.TotalSeconds:F1}/s), busiest {Window.TotalSeconds:F0} s window {busiest} (allowed {allowed}); " +
            $"peak in flight {peak} (limit {InFlight}); delivered by silo: {string.Join(", ", perSilo.Select(p => $"{p.Key} {p.Value}"))}");

        Assert.True(perSilo.Values.Count(n => n > 0) >= 2, $"the herds were delivered by more than one silo: {string.Join(", ", perSilo)}");
        Assert.InRange(Volatile.Read(ref peak), 1, InFlight);
        Assert.InRange(busiest, 1, allowed);

        // Three silos each at the full rate would send it in about three seconds; the cluster's rate takes ten, less the bursts.
        Assert.True(spread >= TimeSpan.FromSeconds((FastHerd - 3 * Rate) / (double)Rate), $"the fast herd took {spread}");
    }

    private static async Task CreateHerdAsync(HttpClient http, string prefix, int count, DateTimeOffset due)
    {
        var start = due.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await http.PostAsJsonAsync("/api/v1/schedules", new { id = $"{prefix}{i}", kind = "custom", timezone = "UTC", start, message = "m" }, ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        });
    }

    private static async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    [GeneratedRegex("delivered on attempt")]
    private static partial Regex DeliveredLine();
}
