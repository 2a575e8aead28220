using System.Globalization;
using Reminders.Benchmarks.Infrastructure;
using Reminders.Benchmarks.Results;
using Reminders.Benchmarks.Systems;
using Reminders.FaultInjection;

namespace Reminders.Benchmarks.Scenarios;

/// <summary>
/// The recurring herd, ours only: N hourly schedules that have each already delivered a history of occurrences, then
/// all fall due at one instant T. Besides the herd's times it measures what a delivery costs PostgreSQL (WAL bytes,
/// commits), which is where a schedule's delivered history shows. One database, one silo run after another: create
/// (real clock), seed (<see cref="RecurringHerdSeed"/>: the service delivers the history itself under time travel),
/// measure (<see cref="RecurringHerdMeasurement"/>: speed 1, started a margin before T). Only the HTTP API, the
/// receiver and the database's statistics are used, so it runs unchanged whatever the grains store.
/// </summary>
public sealed class RecurringHerdScenario(PostgresServer postgres, Action<string> log)
{
    public const string Name = "recurring herd";

    private const string Database = "bench_recurring_reminders";

    // The seed's silo boots in seconds, which are hours of service time at x3600: the first occurrence comes after.
    private static readonly TimeSpan Lead = TimeSpan.FromHours(12);

    public async Task<(ScenarioResult Result, IReadOnlyDictionary<string, string> Settings)> RunAsync(
        int n, int history, double seedSpeed, int clients, string logDirectory)
    {
        // Wide enough that nothing expires however far the fast clock runs ahead of the deliveries.
        var catchUpWindow = $"P{Math.Ceiling((Lead + RecurringHerdPlan.Period * history).TotalDays) + 1}D";
        var connectionString = await postgres.CreateDatabaseAsync(Database);
        await using var receiver = await FaultyReceiver.StartAsync(FaultProfile.None);
        await using var system = new RemindersSystem(connectionString, receiver.Url, silos: 1, clients, portOffset: 5, logDirectory)
        {
            Recurrence = new ScheduleRecurrence(RecurringHerdPlan.Rule, catchUpWindow),
        };
        try
        {
            var plan = new RecurringHerdPlan(n, RecurringHerdPlan.FirstWholeHourAfter(DateTimeOffset.UtcNow, Lead));
            log($"{Name}: Reminders only (peers skipped); creating {n} schedules {RecurringHerdPlan.Rule} from {plan.FirstDue:u} on the real clock");
            var scheduleTime = await system.StartAsync(plan.Schedules, CancellationToken.None);
            if (system.LastIngest is { Errors: > 0 } ingest)
            {
                throw new InvalidOperationException($"{Name}: {ingest.Errors} of {n} schedules were not created.");
            }

            await system.KillAsync();
            var seed = await new RecurringHerdSeed(log).RunAsync(system, receiver, plan, history, seedSpeed);

            // The herd is the next occurrence, if the measuring silo can start a margin before it.
            var margin = TimeSpan.FromSeconds(Math.Ceiling(60 + n / 50.0));
            var occurrence = seed.Delivered + 1;
            while (plan.Due(occurrence) - margin < seed.ServiceStop)
            {
                occurrence++;
            }

            system.Clock = new ServiceClock(plan.Due(occurrence) - margin, 1);
            var metrics = await new RecurringHerdMeasurement(postgres, log, Database, connectionString).RunAsync(system, receiver, plan, occurrence);
            metrics.InsertRange(metrics.FindIndex(m => m.Key == "backlog at T") + 1,
            [
                new("schedule s", scheduleTime?.TotalSeconds),
                new("seed s", (seed.Fast + seed.CatchUp).TotalSeconds),
            ]);

            var settings = new Dictionary<string, string>(system.Settings)
            {
                ["peers"] = "not run (the scenario measures what a delivered history costs our service)",
                ["schedules"] = $"{n} x {RecurringHerdPlan.Rule} in Etc/UTC from {plan.FirstDue:u}, catchUpWindow {catchUpWindow}, created on the real clock",
                ["history"] = string.Create(CultureInfo.InvariantCulture,
                    $"delivered by the service itself: time travel x{seedSpeed} from the real now until 10 min after occurrence {history} was due ({seed.Fast.TotalSeconds:0} s), killed, then x1 carrying on until all {seed.Delivered} x {n} were delivered ({seed.CatchUp.TotalSeconds:0} s), stopped at service time {seed.ServiceStop:u}"),
                ["herd"] = $"occurrence {occurrence} of every schedule, due at T = {plan.Due(occurrence):u}, after {occurrence - 1} delivered each",
                ["measure"] = $"time travel x1 from T - {margin.TotalSeconds:0} s ({system.Clock}); once everything due before T was delivered: VACUUM (the history's dead rows, as autovacuum has an hour to between hourly herds), CHECKPOINT (the next change of each page logs its full image, as for an hourly herd between 5-minute checkpoints), baselines of the WAL position and of xact_commit; read again 5 s after the last delivery (plus the statistics' 11 s)",
                ["WAL/delivery"] = "WAL records of the database's transactions and blocks (pg_walinspect over the window; with full-page images, and without) over deliveries; xact: only the transactions' records (writes and commits; not pruning or vacuum), without full-page images; server: pg_wal_lsn_diff over the window, every database of the shared server",
            };
            return (new ScenarioResult(Name, system.Name, metrics), settings);
        }
        finally
        {
            await system.KillAsync();
            await postgres.DropDatabaseAsync(Database);
        }
    }
}
