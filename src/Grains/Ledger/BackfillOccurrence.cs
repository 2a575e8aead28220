using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Ledger;

/// <summary>
/// A past occurrence of a series that never got a row (it fell due before the schedule was created or before an
/// edit that added it) and that an operator asked to deliver now. It keeps its normal key, nominal period, local
/// time and due time; it is sent at once (no spread offset), in due order, with a fresh catch-up window from now.
/// </summary>
public static class BackfillOccurrence
{
    public static OccurrenceRecord Create(string entity, IOccurrenceSeries series, PlannedOccurrence occurrence, Instant now, Duration window) => new()
    {
        Key = occurrence.Key,
        Entity = entity,
        Series = series.Id,
        Nominal = occurrence.Nominal,
        Kind = occurrence.Kind,
        LocalTime = occurrence.LocalTime,
        Due = occurrence.Due,
        Deadline = now + window,
        Recipient = new Dictionary<string, string>(series.Delivery.Recipient),
        Message = series.Delivery.Message,
        Channel = series.Delivery.Channel,
        Target = series.Delivery.Target,
        TargetFromClient = series.Delivery.TargetFromClient,
        Guarantee = series.Delivery.Guarantee,
        MaxAttempts = series.Delivery.MaxAttempts,
        TzdbVersion = series.TzdbVersion,
        Adjustments = occurrence.Adjustments,
        Late = true,
        Status = OccurrenceStatus.Scheduled,
    };
}
