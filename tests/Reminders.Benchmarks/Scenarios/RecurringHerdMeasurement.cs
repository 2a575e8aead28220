using Reminders.Benchmarks.Infrastructure;
using Reminders.Benchmarks.Systems;
using Reminders.FaultInjection;

namespace Reminders.Benchmarks.Scenarios;

/// <summary>
/// The recurring herd's measuring run: starts the silo (its clock set a margin before T), lets it catch up whatever
/// the seed left, takes the baselines, and measures occurrence <c>occurrence</c> of every schedule, all due at T.
/// </summary>
public sealed class RecurringHerdMeasurement(PostgresServer postgres, Action<string> log, string database, string connectionString)
{
    // The baselines (a vacuum, a checkpoint, then the statistics' 11 s wait) must end before T.
    private static readonly TimeSpan BaselineTime = TimeSpan.FromSeconds(30);

    public async Task<List<KeyValuePair<string, object?>>> RunAsync(RemindersSystem system, FaultyReceiver receiver, RecurringHerdPlan plan, int occurrence)
    {
        var name = RecurringHerdScenario.Name;
        var due = plan.Due(occurrence);
        await system.StartAsync(null, CancellationToken.None);
        var clock = await ServiceClockReading.ReadAsync(system.BaseAddress);
        var dueReal = due - clock.Offset; // exact at speed 1, to within half the best round trip
        log($"{name}: measuring silo up ({system.Clock}); T = {due:u}, {(dueReal - DateTimeOffset.UtcNow).TotalSeconds:0} s from now");

        // What the seed left undelivered when it was killed, and what fell due since, is caught up now, before T.
        var before = plan.Through(occurrence - 1).Select(system.ReceivedKey).ToList();
        var backlog = await Receipts.WaitAsync(receiver, before, dueReal - BaselineTime);
        if (backlog > 0)
        {
            log($"{name}: {backlog} occurrences due before T still undelivered at the baseline; the figures include them");
        }

        // The seed's dead rows are vacuumed first, as autovacuum has an hour to do between hourly herds: the window
        // holds the herd's own writes, not the clean-up of the history's.
        await postgres.VacuumAsync(database);
        await postgres.CheckpointAsync();
        await using var wal = await WalMeter.StartAsync(connectionString); // its own commits fall before the next baseline
        var commitsBefore = await postgres.CommitsAsync(database);
        var cpuBefore = ProcessMetrics.CpuSeconds(system.ProcessIds);
        if (DateTimeOffset.UtcNow > dueReal)
        {
            log($"{name}: the baselines ended {(DateTimeOffset.UtcNow - dueReal).TotalSeconds:0.0} s after T; a larger margin is needed");
        }

        var herd = plan.Occurrence(occurrence).Select(system.ReceivedKey).ToHashSet(StringComparer.Ordinal);
        await Receipts.WaitAsync(receiver, herd, dueReal + TimeSpan.FromSeconds(120 + plan.Size / 50.0));
        await Task.Delay(TimeSpan.FromSeconds(5)); // late duplicates still count
        var commits = await postgres.CommitsAsync(database) - commitsBefore;
        var written = await wal.ReadAsync();
        var cpu = ProcessMetrics.CpuSeconds(system.ProcessIds) - cpuBefore;
        var rss = ProcessMetrics.PeakRssMiB(system.ProcessIds);
        var state = await postgres.GrainStateBytesAsync(database);
        var size = await postgres.SizeAsync(database);

        var received = receiver.Received.Where(r => r.IdempotencyKey is { } key && herd.Contains(key)).ToList();
        var arrivals = received.Where(r => r.Outcome == FaultOutcome.Ok && r.State == RequestState.Answered).ToList();
        var duplicates = received.Count(r => r.Outcome == FaultOutcome.Duplicate);
        var delivered = arrivals.Select(a => a.IdempotencyKey).Distinct().Count();
        var lateness = new Percentiles(arrivals.Select(a => a.At - dueReal));
        var first = arrivals.Count == 0 ? (DateTimeOffset?)null : arrivals.Min(a => a.At);
        var last = arrivals.Count == 0 ? (DateTimeOffset?)null : arrivals.Max(a => a.At);
        double? PerDelivery(double total) => delivered == 0 ? null : total / delivered;
        log($"{name}: {delivered}/{plan.Size} delivered, {duplicates} duplicates; {commits} commits; {written.DatabaseBytes} WAL bytes in {written.DatabaseRecords} records and {written.DatabaseTransactions} transactions ({written.ServerBytes} on the whole server), {written.Checkpoints} checkpoints in the window");
        foreach (var (kind, records, bytes, images) in written.Breakdown)
        {
            log($"{name}:   WAL {kind}: {records} records, {bytes} bytes ({images} of them full-page images)");
        }

        return
        [
            new("N", plan.Size),
            new("history", occurrence - 1),
            new("delivered", delivered),
            new("missing", plan.Size - delivered),
            new("duplicates", duplicates),
            new("backlog at T", backlog),
            new("T→first s", first is { } f ? (f - dueReal).TotalSeconds : null),
            new("T→last s", last is { } l ? (l - dueReal).TotalSeconds : null),
            new("p50 s", lateness.At(50)),
            new("p95 s", lateness.At(95)),
            new("p99 s", lateness.At(99)),
            new("max s", lateness.Max),
            new("deliveries/s", last is { } l2 && l2 > dueReal ? delivered / (l2 - dueReal).TotalSeconds : null),
            new("commits/delivery", PerDelivery(commits)),
            new("WAL xacts/delivery", PerDelivery(written.DatabaseTransactions)),
            new("WAL bytes/delivery", PerDelivery(written.DatabaseBytes)),
            new("WAL bytes/delivery w/o FPI", PerDelivery(written.DatabaseBytes - written.DatabaseFullPageImageBytes)),
            new("xact WAL bytes/delivery w/o FPI", PerDelivery(written.DatabaseTransactionBytesWithoutFullPageImages)),
            new("WAL records/delivery", PerDelivery(written.DatabaseRecords)),
            new("server WAL bytes/delivery", PerDelivery(written.ServerBytes)),
            new("checkpoints in window", written.Checkpoints),
            new("state bytes", state?.Serialized),
            new("state stored bytes", state?.Stored),
            new("DB MiB", size / 1024.0 / 1024.0),
            new("CPU s", cpu),
            new("CPU ms/delivery", PerDelivery(cpu * 1000)),
            new("peak RSS MiB", rss),
        ];
    }
}
