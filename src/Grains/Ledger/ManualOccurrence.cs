using NodaTime;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Ledger;

/// <summary>
/// An occurrence an operator asked for now: what the series' next occurrence would send, due now, under a key of
/// its own. It is outside the series' key range (see <see cref="OccurrenceKeys.Manual"/>), so it never becomes the
/// series' high-water mark and never stands in for the scheduled occurrence, which is still sent when it falls due.
/// </summary>
public static class ManualOccurrence
{
    /// <summary>The nominal period of every manual row: a floor, so even a series' only row never raises its mark.</summary>
    public static readonly LocalDateTime Nominal = new(1900, 1, 1, 0, 0);

    public static OccurrenceRecord Create(string entity, string key, IOccurrenceSeries series, PlannedOccurrence next, Instant now, Duration window) =>
        OccurrenceRecord.Scheduled(entity, series, key, Nominal, next.Kind, next.LocalTime, now, now + window);
}
