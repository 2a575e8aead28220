using NodaTime;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Ledger;

/// <summary>
/// A past occurrence of a series that never got a row (it fell due before the schedule was created or before an
/// edit that added it) and that an operator asked to deliver now. It keeps its normal key, nominal period, local
/// time and due time; it is sent at once (no spread offset), in due order, with a fresh catch-up window from now.
/// </summary>
public static class BackfillOccurrence
{
    public static OccurrenceRecord Create(string entity, IOccurrenceSeries series, PlannedOccurrence occurrence, Instant now, Duration window) =>
        OccurrenceRecord.Scheduled(
            entity, series, occurrence.Key, occurrence.Nominal, occurrence.Kind, occurrence.LocalTime, occurrence.Due, now + window,
            occurrence.Adjustments, late: true);
}
