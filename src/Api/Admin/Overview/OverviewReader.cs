using NodaTime;
using Reminders.Api.Health;
using Reminders.Api.Users;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;

namespace Reminders.Api.Admin.Overview;

/// <summary>
/// Reads the overview's figures from the ledger table and the management grain. Every count is capped
/// (<see cref="Cap"/>) so a page that refreshes every few seconds costs a bounded read however big the ledger is.
/// Windows are by due time, on the service clock.
/// </summary>
public sealed class OverviewReader(IOccurrenceStore store, IGrainFactory grains, TimeProvider clock)
{
    public const int Cap = 1000;

    public async Task<OverviewFigures> ReadAsync(CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var hour = await OutcomesAsync("last hour", now - Duration.FromHours(1), now, cancellationToken);
        var day = await OutcomesAsync("last day", now - Duration.FromDays(1), now, cancellationToken);
        var delivered = await store.ListAsync(new OccurrenceQuery(Cap, Status: OccurrenceStatus.Delivered, DueFrom: now - Duration.FromDays(1), DueTo: now), cancellationToken);
        var lateness = delivered.Where(r => r.DeliveredAt is not null).Select(r => r.DeliveredAt!.Value - r.Due).Order().ToList();
        var overdue = await CountAsync(OccurrenceStatus.Scheduled, null, now, cancellationToken)
            + await CountAsync(OccurrenceStatus.Retrying, null, now, cancellationToken);
        return new OverviewFigures(
            ClockReport.Of(clock),
            [hour, day],
            Percentile(lateness, 0.50),
            Percentile(lateness, 0.99),
            new CappedCount(Math.Min(overdue, Cap), overdue >= Cap),
            Capped((await store.ListAwaitingOperatorAsync(OccurrenceStatus.DeadLettered, null, null, Cap, cancellationToken)).Count),
            Capped((await store.ListAwaitingOperatorAsync(OccurrenceStatus.Uncertain, null, null, Cap, cancellationToken)).Count),
            await SilosAsync());
    }

    private async Task<OutcomeCounts> OutcomesAsync(string window, Instant from, Instant to, CancellationToken cancellationToken) => new(
        window,
        Capped(await CountAsync(OccurrenceStatus.Delivered, from, to, cancellationToken)),
        Capped(await CountAsync(OccurrenceStatus.DeadLettered, from, to, cancellationToken)),
        Capped(await CountAsync(OccurrenceStatus.Skipped, from, to, cancellationToken)),
        Capped(await CountAsync(OccurrenceStatus.Uncertain, from, to, cancellationToken)));

    private async Task<int> CountAsync(OccurrenceStatus status, Instant? from, Instant to, CancellationToken cancellationToken) =>
        (await store.ListAsync(new OccurrenceQuery(Cap, Status: status, DueFrom: from, DueTo: to), cancellationToken)).Count;

    private async Task<IReadOnlyList<SiloRow>> SilosAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        return [.. hosts.OrderBy(h => h.SiloName, StringComparer.Ordinal).Select(h => new SiloRow(
            h.SiloAddress.ToString(), h.SiloName, h.Status.ToString(), ApiFormats.Instant(Instant.FromDateTimeUtc(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)))))];
    }

    private static CappedCount Capped(int count) => new(count, count >= Cap);

    private static Duration? Percentile(List<Duration> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
