using NodaTime;
using Reminders.Grains.Calendars;
using Reminders.Grains.Recurrence;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// The one series type: a zoned recurrence, a rule for naming each instance's key and nominal period, and what
/// to send. Users' birthdays are a yearly rule keyed by year; schedules are keyed by each instance's local
/// date-time. A business calendar, when given, skips or moves instances on excluded days (see <see cref="ExcludedDays"/>):
/// a moved instance is planned at its moved time (due then too if earlier), under the key of its nominal one.
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
    Duration spread = default,
    ExcludedDays? excludedDays = null) : IOccurrenceSeries
{
    public string Id => id;

    public string Kind => kind;

    public Duration CatchUpWindow => catchUpWindow;

    public OccurrenceDelivery Delivery => delivery;

    public string TzdbVersion => tzdbVersion;

    public string? CalendarVersion => excludedDays is { } days ? $"{days.Calendar.Id}@{days.Calendar.Version}:{days.Policy}" : null;

    public ZonedRecurrence Recurrence => recurrence;

    /// <summary>How widely occurrences are spread after their due time (zero: not at all).</summary>
    public Duration SpreadWindow => spread;

    /// <summary>The nominal period of an instance at <paramref name="local"/>.</summary>
    public LocalDateTime NominalOf(LocalDateTime local) => nominalOf(local);

    public IEnumerable<PlannedOccurrence> From(Instant from, LocalDateTime? highWater)
    {
        var start = excludedDays?.SearchFrom(from, recurrence.Zone) ?? from;
        foreach (var instance in recurrence.From(start))
        {
            var (due, adjustments, movedTo) = excludedDays?.Apply(instance, recurrence) ?? (instance.Due, instance.Adjustments, null);

            // Delivered at or after from, or nominally so: a move to an earlier day that is already past is late, not lost.
            var nominal = nominalOf(instance.Local);
            if (Instant.Max(instance.Due, due) >= from && (highWater is not { } mark || nominal > mark))
            {
                // A move to a later day is recorded at its nominal time and waits for its planned time, as a spread one
                // does: its row then keeps it through edits (of the calendar too) and restarts. A move to an earlier day
                // is due at the moved time.
                var key = keyOf(instance.Local);
                yield return new PlannedOccurrence(key, kind, instance.Local, Instant.Min(instance.Due, due), adjustments)
                {
                    Nominal = nominal,
                    Planned = SpreadOffsets.Planned(key, due, spread),
                    MovedTo = movedTo,
                };
            }
        }
    }
}
