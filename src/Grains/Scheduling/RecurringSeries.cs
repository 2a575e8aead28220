using NodaTime;
using Reminders.Grains.Recurrence;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// The one series type: a zoned recurrence, a rule for naming each instance's key, and what to send. Users'
/// birthdays are a yearly rule keyed by year; schedules are keyed by each instance's local date-time.
/// </summary>
public sealed class RecurringSeries(
    string kind,
    ZonedRecurrence recurrence,
    Func<LocalDateTime, string> keyOf,
    Duration catchUpWindow,
    OccurrenceDelivery delivery,
    string tzdbVersion) : IOccurrenceSeries
{
    public string Kind => kind;

    public Duration CatchUpWindow => catchUpWindow;

    public OccurrenceDelivery Delivery => delivery;

    public string TzdbVersion => tzdbVersion;

    public ZonedRecurrence Recurrence => recurrence;

    public IEnumerable<PlannedOccurrence> From(Instant from, Func<string, bool> isKnown)
    {
        foreach (var instance in recurrence.From(from))
        {
            var key = keyOf(instance.Local);
            if (!isKnown(key))
            {
                yield return new PlannedOccurrence(key, kind, instance.Local, instance.Due, instance.Adjustments);
            }
        }
    }
}
