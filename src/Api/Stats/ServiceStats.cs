using NodaTime;
using Orleans.Reminders;
using Reminders.Api.Health;
using Reminders.Api.Users;
using Reminders.Silo.CatchUp;
using Reminders.Silo.Database;

namespace Reminders.Api.Stats;

/// <summary>
/// The overview's figures, computed on demand (a few index scans and one management call): what <c>GET /api/v1/stats</c>
/// returns and what the console's overview shows.
/// </summary>
public sealed class ServiceStats(
    PostgresLedgerStats ledger,
    PostgresOverdueReminders overdue,
    IGrainFactory grains,
    TimeProvider clock,
    IServiceProvider services)
{
    /// <summary>Outcomes that close an occurrence, always present in the counts (zero when none).</summary>
    private static readonly string[] Outcomes = ["delivered", "deadLettered", "skipped", "uncertain"];

    // The reminder service's clock decides when a wake is due, as in the overdue sweep and its gauges.
    private readonly TimeProvider _reminderClock = services.GetKeyedService<TimeProvider>(ReminderTimeProviderNames.Reminders) ?? clock;

    public async Task<StatsResponse> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var figures = await ledger.ReadAsync(Instant.FromDateTimeOffset(now), cancellationToken);
        var reminderNow = _reminderClock.GetUtcNow();
        var (count, oldest) = await overdue.SummarizeAsync(reminderNow - OverdueSampler.Grace, cancellationToken);
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(true, cancellationToken);

        return new StatsResponse(
            ClockReport.Of(clock),
            new DeliveryCounts(Counts(figures.LastHour), Counts(figures.LastDay)),
            new Lateness(figures.LatenessP50?.TotalSeconds, figures.LatenessP99?.TotalSeconds, figures.DeliveredLastHour),
            new OverdueBacklog(count, oldest is { } at ? (reminderNow - at).TotalSeconds : null),
            figures.DeadLettered,
            figures.Uncertain,
            [.. hosts.OrderBy(h => h.SiloName, StringComparer.Ordinal).Select(h => new SiloEntry(
                h.SiloName,
                h.SiloAddress.ToParsableString(),
                h.HostName,
                h.Status.ToString(),
                ApiFormats.Instant(Instant.FromDateTimeUtc(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)))))]);
    }

    private static Dictionary<string, long> Counts(IReadOnlyDictionary<string, long> counts) =>
        Outcomes.ToDictionary(o => o, o => counts.GetValueOrDefault(o));
}
