using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;

namespace Reminders.Grains.Calendars;

/// <summary>
/// A schedule's business calendar and what it does on an excluded day. An occurrence is judged by its nominal local
/// date in the schedule's zone; a move keeps its local time of day (resolved by the same DST policies) and its key.
/// Moves are monotone (a later date never moves before an earlier one), so moved times stay in order and the ledger's
/// cursor and high-water mark work unchanged; several occurrences may share one moved instant.
/// </summary>
public sealed record ExcludedDays(BusinessCalendar Calendar, ExcludedDayPolicy Policy)
{
    private const OccurrenceAdjustments DstAdjustments =
        OccurrenceAdjustments.DstGapShifted | OccurrenceAdjustments.DstOverlapEarlier | OccurrenceAdjustments.DstOverlapLater;

    /// <summary>
    /// Where to start expanding to find every occurrence whose delivery lies at or after <paramref name="from"/>: a
    /// move to the next business day can bring an occurrence of an earlier excluded day forward past it.
    /// </summary>
    public Instant SearchFrom(Instant from, DateTimeZone zone)
    {
        if (Policy != ExcludedDayPolicy.NextBusinessDay)
        {
            return from;
        }

        var date = from.InZone(zone).Date;
        var start = Calendar.StartOfExcludedRunBefore(date);
        return start == date ? from : Instant.Min(from, zone.AtStartOfDay(start).ToInstant() - Duration.FromDays(1));
    }

    /// <summary>The instance as delivered: its due time (moved or not), its adjustments, and the local date-time it moved to.</summary>
    public (Instant Due, OccurrenceAdjustments Adjustments, LocalDateTime? MovedTo) Apply(ScheduledInstance instance, ZonedRecurrence recurrence)
    {
        if (!Calendar.IsExcluded(instance.Local.Date))
        {
            return (instance.Due, instance.Adjustments, null);
        }

        if (Calendar.Move(instance.Local.Date, Policy) is not { } date)
        {
            return (instance.Due, instance.Adjustments | OccurrenceAdjustments.ExcludedSkipped, null);
        }

        // The DST policies apply to the moved local time, not the nominal one: its DST flags are the moved day's.
        var moved = date + instance.Local.TimeOfDay;
        var kept = instance.Adjustments & ~DstAdjustments;
        if (recurrence.Resolve(new LocalInstance(moved, kept)) is not { } resolved)
        {
            // The dstGap policy omits that time on the moved day: the occurrence is not delivered, as on any other day.
            return (instance.Due, kept | OccurrenceAdjustments.ExcludedSkipped, null);
        }

        return (resolved.Due, resolved.Adjustments | OccurrenceAdjustments.ExcludedMoved, moved);
    }
}
