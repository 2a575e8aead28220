using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Recurrence;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// The alarms at one offset of every occurrence of a schedule: a series of its own (its own key range, rows and
/// high-water mark), so the ledger's exactly-once rules apply to alarms unchanged. Each alarm takes its occurrence's
/// nominal period, so the occurrence series' high-water filter is also this series' one.
/// </summary>
/// <remarks>
/// An alarm is listed while either it or its occurrence is still at or after the instant asked from: an alarm
/// before its occurrence that is already past when the occurrence is first considered (at creation, an edit that
/// adds it, a wake after downtime) is thereby recorded late or expired, by the catch-up rules, rather than dropped.
/// </remarks>
public sealed class AlarmSeries(
    string entity,
    RecurringSeries occurrences,
    AlarmOffset offset,
    OccurrenceDelivery delivery,
    Duration spread = default) : IOccurrenceSeries
{
    private const OccurrenceAdjustments DstAdjustments =
        OccurrenceAdjustments.DstGapShifted | OccurrenceAdjustments.DstOverlapEarlier | OccurrenceAdjustments.DstOverlapLater;

    public string Id { get; } = OccurrenceKeys.AlarmSeries(entity, offset.Text);

    public string Kind => occurrences.Kind;

    public Duration CatchUpWindow => occurrences.CatchUpWindow;

    public OccurrenceDelivery Delivery => delivery;

    public string TzdbVersion => occurrences.TzdbVersion;

    public AlarmOffset Offset => offset;

    public IEnumerable<PlannedOccurrence> From(Instant from, LocalDateTime? highWater)
    {
        Instant? previous = null;
        foreach (var occurrence in occurrences.From(from - offset.LookBehind, highWater))
        {
            // An occurrence a business calendar skips has no alarms; a moved one's alarms move with it.
            if (occurrence.Adjustments.HasFlag(OccurrenceAdjustments.ExcludedSkipped) || Place(occurrence) is not { } alarm)
            {
                continue;
            }

            // DST can put the alarm of a later occurrence before an earlier one's (a -P1D landing in a gap is
            // shifted forward past the next): it goes out with that one, keeping the order the ledger relies on.
            var due = previous is { } before && alarm.Due < before ? before : alarm.Due;
            previous = due;
            if (Instant.Max(due, occurrence.Due) < from)
            {
                continue;
            }

            var key = OccurrenceKeys.Alarm(entity, offset.Text, occurrence.Key);
            yield return new PlannedOccurrence(key, Kind, alarm.Local, due, alarm.Adjustments)
            {
                Nominal = occurrence.Nominal,
                Planned = SpreadOffsets.Planned(key, due, spread),
            };
        }
    }

    /// <summary>
    /// Where the alarm of <paramref name="occurrence"/> lies: whole days move its local date-time in the zone (the
    /// same local time that many days away, which the DST policies then resolve: null when the gap policy omits
    /// it); a time offset moves its instant by exactly that much.
    /// </summary>
    private ScheduledInstance? Place(PlannedOccurrence occurrence)
    {
        var kept = occurrence.Adjustments & ~DstAdjustments;
        if (!offset.IsCalendar)
        {
            // A moved occurrence is due nominally but sent at its moved time, which its alarms follow.
            var sent = occurrence.MovedTo is { } moved && occurrences.Recurrence.Resolve(new LocalInstance(moved, kept)) is { } at ? at.Due : occurrence.Due;
            var due = sent + offset.Elapsed;
            return new ScheduledInstance(due.InZone(occurrences.Recurrence.Zone).LocalDateTime, due, kept);
        }

        var local = occurrence.MovedTo ?? occurrence.LocalTime;
        return occurrences.Recurrence.Resolve(new LocalInstance(local.PlusDays(offset.Days), kept));
    }
}
