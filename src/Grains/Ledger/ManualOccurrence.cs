using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
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

    public static OccurrenceRecord Create(string entity, string key, IOccurrenceSeries series, PlannedOccurrence next, Instant now, Duration window) => new()
    {
        Key = key,
        Entity = entity,
        Series = series.Id,
        Nominal = Nominal,
        Kind = next.Kind,
        LocalTime = next.LocalTime,
        Due = now,
        Deadline = now + window,
        Recipient = new Dictionary<string, string>(series.Delivery.Recipient),
        Message = series.Delivery.Message,
        Channel = series.Delivery.Channel,
        Target = series.Delivery.Target,
        TargetFromClient = series.Delivery.TargetFromClient,
        Guarantee = series.Delivery.Guarantee,
        MaxAttempts = series.Delivery.MaxAttempts,
        TzdbVersion = series.TzdbVersion,
        Status = OccurrenceStatus.Scheduled,
    };
}
