using Reminders.Benchmarks.Infrastructure;
using Reminders.Benchmarks.Peers;
using Reminders.Benchmarks.Results;
using Reminders.Benchmarks.Systems;

namespace Reminders.Benchmarks.Scenarios;

/// <summary>
/// The scenarios that deliver: herd (N due at one instant), precision (due at distinct instants), catch-up (due
/// while the system is down). Each system runs on its own fresh database on the same server, against its own
/// fresh recording receiver on loopback, with the same N and the same shape of due instants.
/// </summary>
public sealed class DeliveryScenarios(PostgresServer postgres, Action<string> log, TimeSpan lead)
{
    /// <summary>Creates the system (given its database connection string and the receiver's URL).</summary>
    public delegate ISystemUnderTest SystemFactory(string connectionString, Uri receiver);

    public Task<ScenarioResult> HerdAsync(string scenario, string database, SystemFactory factory, int n) =>
        RunAsync(scenario, database, factory, n, spread: TimeSpan.Zero, downtime: null);

    public Task<ScenarioResult> PrecisionAsync(string database, SystemFactory factory, int n, TimeSpan span) =>
        RunAsync("precision", database, factory, n, spread: span, downtime: null);

    public Task<ScenarioResult> CatchUpAsync(string database, SystemFactory factory, int n, TimeSpan downtime) =>
        RunAsync("catch-up", database, factory, n, spread: TimeSpan.Zero, downtime);

    private async Task<ScenarioResult> RunAsync(string scenario, string database, SystemFactory factory, int n, TimeSpan spread, TimeSpan? downtime)
    {
        var connectionString = await postgres.CreateDatabaseAsync(database);
        await using var receiver = await HerdReceiver.StartAsync();
        await using var system = factory(connectionString, receiver.Url);
        try
        {
            // Far enough ahead that even the slowest system has scheduled everything: a second per 100 jobs, plus start-up.
            var due = Seconds(DateTimeOffset.UtcNow + lead + TimeSpan.FromSeconds(n / 100.0));
            var jobs = Enumerable.Range(0, n)
                .Select(i => new PlannedJob($"j{i:D7}", spread == TimeSpan.Zero ? due : Seconds(due + spread * i / Math.Max(1, n - 1))))
                .ToList();
            var expected = jobs.ToDictionary(system.ReceivedKey, j => j.DueUtc);

            log($"{scenario}: {system.Name}: starting and scheduling {n}, due from {due:HH:mm:ss}");
            var scheduleTime = await system.StartAsync(jobs, CancellationToken.None);
            var margin = due - DateTimeOffset.UtcNow;
            log($"{scenario}: {system.Name}: scheduled in {scheduleTime?.TotalSeconds:0.0} s; {margin.TotalSeconds:0} s before the first due instant");
            if (margin < TimeSpan.FromSeconds(15))
            {
                // Jobs created after their instant are passed over (ours) or fire late (peers), and the commit baseline is taken mid-creation.
                log($"{scenario}: {system.Name}: INVALID RUN: scheduling ended {(TimeSpan.FromSeconds(15) - margin).TotalSeconds:0} s after the commit baseline (15 s before T); raise --lead-seconds");
            }

            DateTimeOffset? restartedAt = null;
            long commitsBefore;
            if (downtime is { } down)
            {
                await WaitUntilAsync(due - TimeSpan.FromSeconds(3));
                await system.KillAsync();
                log($"{scenario}: {system.Name}: killed; restarting at due + {down.TotalSeconds:0} s");
                commitsBefore = await postgres.CommitsAsync(database); // nothing runs while it is down
                await WaitUntilAsync(due + down);
                restartedAt = DateTimeOffset.UtcNow;
                await system.StartAsync(null, CancellationToken.None);
            }
            else
            {
                // The reading takes about 11 s (see CommitsAsync): start it early enough to end before the due instant.
                await WaitUntilAsync(due - TimeSpan.FromSeconds(15));
                commitsBefore = await postgres.CommitsAsync(database);
            }

            var cpuBefore = ProcessMetrics.CpuSeconds(system.ProcessIds);
            var last = jobs[^1].DueUtc;
            var limit = (restartedAt ?? last) + TimeSpan.FromSeconds(120 + n / 50.0);
            // Constant time per check: only the system's own keys reach this receiver, so its count of distinct keys is the progress.
            while (DateTimeOffset.UtcNow < limit && receiver.AcceptedKeys < n)
            {
                await Task.Delay(500);
            }

            await Task.Delay(TimeSpan.FromSeconds(5)); // late duplicates still count
            var commits = await postgres.CommitsAsync(database) - commitsBefore;
            var cpu = ProcessMetrics.CpuSeconds(system.ProcessIds) - cpuBefore;
            var rss = ProcessMetrics.PeakRssMiB(system.ProcessIds);

            var arrivals = receiver.FirstArrivals
                .Where(a => expected.ContainsKey(a.Key))
                .Select(a => (Key: a.Key, At: a.Value))
                .ToList();
            var lateness = new Percentiles(arrivals.Select(a => a.At - expected[a.Key]));
            var delivered = arrivals.Count;
            var lastArrival = arrivals.Count == 0 ? (DateTimeOffset?)null : arrivals.Max(a => a.At);
            var metrics = new List<KeyValuePair<string, object?>>
            {
                new("N", n),
                new("delivered", delivered),
                new("missing", n - delivered),
                new("duplicates", receiver.DuplicateAcceptances),
                new("schedule s", scheduleTime?.TotalSeconds),
            };
            if (restartedAt is { } restart)
            {
                metrics.Add(new("drain s (from restart)", lastArrival is { } l ? (l - restart).TotalSeconds : null));
                metrics.Add(new("deliveries/s", lastArrival is { } l2 && l2 > restart ? delivered / (l2 - restart).TotalSeconds : null));
            }
            else
            {
                metrics.Add(new("T→last s", lastArrival is { } l ? (l - due).TotalSeconds : null));
                metrics.Add(new("p50 s", lateness.At(50)));
                metrics.Add(new("p95 s", lateness.At(95)));
                metrics.Add(new("p99 s", lateness.At(99)));
                metrics.Add(new("max s", lateness.Max));
                if (spread == TimeSpan.Zero)
                {
                    metrics.Add(new("deliveries/s", lastArrival is { } l3 && l3 > due ? delivered / (l3 - due).TotalSeconds : null));
                }
            }

            metrics.Add(new("commits/delivery", delivered == 0 ? null : (double)commits / delivered));
            metrics.Add(new("CPU s", cpu));
            metrics.Add(new("peak RSS MiB", rss));
            log($"{scenario}: {system.Name}: {delivered}/{n} delivered, {receiver.DuplicateAcceptances} duplicates");
            return new ScenarioResult(scenario, system.Name, metrics);
        }
        finally
        {
            await system.KillAsync();
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static DateTimeOffset Seconds(DateTimeOffset value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static async Task WaitUntilAsync(DateTimeOffset instant)
    {
        var wait = instant - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
