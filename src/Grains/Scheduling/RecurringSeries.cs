using NodaTime;
using Reminders.Grains.Recurrence;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// The one series type: a zoned recurrence, a rule for naming each instance's key and nominal period, and what
/// to send. Users' birthdays are a yearly rule keyed by year; schedules are keyed by each instance's local
/// date-time.
/// </summary>
public sealed class RecurringSeries(
    string id,
    string kind,
    ZonedRecurrence recurrence,
    Func<LocalDateTime, string> keyOf,
    Func<LocalDateTime, LocalDateTime> nominalOf,
    Duration catchUpWindow,
    OccurrenceDelivery delivery,
    string tzdbVersion,
    Duration spread = default) : IOccurrenceSeries
{
    public string Id => id;

    public string Kind => kind;

    public Duration CatchUpWindow => catchUpWindow;

    public OccurrenceDelivery Delivery => delivery;

    public string TzdbVersion => tzdbVersion;

    public ZonedRecurrence Recurrence => recurrence;

    /// <summary>How widely occurrences are spread after their due time (zero: not at all).</summary>
    public Duration SpreadWindow => spread;

    /// <summary>The nominal period of an instance at <paramref name="local"/>.</summary>
    public LocalDateTime NominalOf(LocalDateTime local) => nominalOf(local);

    public IEnumerable<PlannedOccurrence> From(Instant from, LocalDateTime? highWater)
    {
        foreach (var instance in recurrence.From(from))
        {
            var nominal = nominalOf(instance.Local);
            if (highWater is not { } mark || nominal > mark)
            {
                var key = keyOf(instance.Local);
                yield return new PlannedOccurrence(key, kind, instance.Local, instance.Due, instance.Adjustments)
                {
                    Nominal = nominal,
                    Planned = SpreadOffsets.Planned(key, instance.Due, spread),
                };
            }
        }
    }
}
