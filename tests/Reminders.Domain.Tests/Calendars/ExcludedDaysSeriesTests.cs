using NodaTime;
using Reminders.Grains.Calendars;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;
using Reminders.Grains.Recurrence;
using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests.Calendars;

/// <summary>
/// A schedule's series with a business calendar: moved occurrences keep their nominal key and are due at the moved
/// local time in that day's offset; the DST policies apply to the moved time; skipped ones are recorded as excluded.
/// </summary>
public sealed class ExcludedDaysSeriesTests
{
    private const string Entity = "schedule:x";
    private static readonly IsoDayOfWeek[] Weekend = [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    [Fact]
    public void NextBusinessDay_LookedForAfterTheHolidaysNominalTime_StillFindsItsMovedOccurrence()
    {
        var series = Series("FREQ=WEEKLY;BYDAY=FR", "2027-12-03T09:00:00", Days(ExcludedDayPolicy.NextBusinessDay, ["2027-12-24"], Weekend));
        var monday = Time.Utc("2027-12-27T05:00:00Z"); // 00:00-05:00

        var moved = series.Next(monday, highWater: null);
        var after = series.Next(monday, highWater: Time.Local("2027-12-24T09:00:00"));

        // Due at its nominal time (recorded then, it waits), planned on Monday.
        Assert.Equal(
            ("schedule:x:20271224T090000", Time.Local("2027-12-24T09:00:00"), Time.Utc("2027-12-24T14:00:00Z"), Time.Utc("2027-12-27T14:00:00Z"), Time.Local("2027-12-27T09:00:00"), OccurrenceAdjustments.ExcludedMoved),
            (moved.Key, moved.LocalTime, moved.Due, moved.Planned, moved.MovedTo, moved.Adjustments));
        Assert.Equal(("schedule:x:20271231T090000", Time.Utc("2027-12-31T14:00:00Z"), (LocalDateTime?)null), (after.Key, after.Planned, after.MovedTo));
    }

    [Fact]
    public void PreviousBusinessDay_AcrossSpringForward_IsDueAtTheMovedDaysOffset()
    {
        // New York springs forward on Sunday 2027-03-14: Friday the 12th is -05:00, Monday the 15th -04:00.
        var series = Series("FREQ=WEEKLY;BYDAY=MO", "2027-03-01T09:00:00", Days(ExcludedDayPolicy.PreviousBusinessDay, ["2027-03-15"], Weekend));

        var occurrences = series.From(Time.Utc("2027-03-09T00:00:00Z"), null).Take(2).ToList();

        Assert.Equal(
            [
                ("schedule:x:20270315T090000", Time.At("2027-03-12T09:00:00-05:00").ToInstant(), (LocalDateTime?)Time.Local("2027-03-12T09:00:00")),
                ("schedule:x:20270322T090000", Time.At("2027-03-22T09:00:00-04:00").ToInstant(), null),
            ],
            occurrences.Select(o => (o.Key, o.Due, o.MovedTo)));
        Assert.All(occurrences, o => Assert.Equal(o.Due, o.Planned)); // a move to an earlier day is due when it is sent
    }

    [Theory]
    [InlineData(DstGapPolicy.ShiftForward, "2027-03-14T03:30:00-04:00", OccurrenceAdjustments.ExcludedMoved | OccurrenceAdjustments.DstGapShifted)]
    [InlineData(DstGapPolicy.Omit, "2027-03-13T02:30:00-05:00", OccurrenceAdjustments.ExcludedSkipped)]
    public void NextBusinessDay_IntoADstGap_FollowsTheGapPolicyOnTheMovedDay(DstGapPolicy gap, string due, OccurrenceAdjustments adjustments)
    {
        // Saturday 2027-03-13 02:30 is a holiday; the next business day, Sunday the 14th, has no 02:30 in New York.
        var series = Series("FREQ=WEEKLY;BYDAY=SA", "2027-03-06T02:30:00", Days(ExcludedDayPolicy.NextBusinessDay, ["2027-03-13"], []), gap);

        var occurrence = series.Next(Time.Utc("2027-03-10T00:00:00Z"), null);

        Assert.Equal(("schedule:x:20270313T023000", Time.At(due).ToInstant(), adjustments), (occurrence.Key, occurrence.Planned, occurrence.Adjustments));
    }

    [Fact]
    public void Skip_RecordsTheExcludedOccurrenceAsSkippedAndTheNextBusinessOneAsDue()
    {
        var series = Series("FREQ=DAILY", "2027-12-23T09:00:00", Days(ExcludedDayPolicy.Skip, ["2027-12-24"], Weekend));
        var ledger = new OccurrenceLedger(Entity);
        ledger.PassOverUntil(Time.Utc("2027-12-23T00:00:00Z"));

        var recorded = ledger.RecordDue([series], Time.Utc("2027-12-23T14:00:00Z"), Duration.FromMinutes(5))
            .Concat(ledger.RecordDue([series], Time.Utc("2027-12-27T14:00:00Z"), Duration.FromMinutes(5)));

        Assert.Equal(
            [
                ("schedule:x:20271223T090000", OccurrenceStatus.Scheduled, (string?)null),
                ("schedule:x:20271224T090000", OccurrenceStatus.Skipped, OccurrenceReasons.Excluded),
                ("schedule:x:20271225T090000", OccurrenceStatus.Skipped, OccurrenceReasons.Excluded),
                ("schedule:x:20271226T090000", OccurrenceStatus.Skipped, OccurrenceReasons.Excluded),
                ("schedule:x:20271227T090000", OccurrenceStatus.Scheduled, null),
            ],
            recorded.Select(r => (r.Key, r.Status, r.Reason)));
    }

    [Fact]
    public void NextBusinessDay_RecordsEachExcludedDayAtItsNominalTime_AndAttemptsThemAllOnMonday()
    {
        var series = Series("FREQ=DAILY", "2027-12-23T09:00:00", Days(ExcludedDayPolicy.NextBusinessDay, ["2027-12-24"], Weekend));
        var ledger = new OccurrenceLedger(Entity);
        ledger.PassOverUntil(Time.Utc("2027-12-23T20:00:00Z")); // after Thursday's

        // By Sunday afternoon Friday's, Saturday's and Sunday's are recorded (their rows keep them), none yet to attempt.
        var waiting = ledger.RecordDue([series], Time.Utc("2027-12-26T20:00:00Z"), Duration.FromMinutes(5));
        Assert.Null(ledger.NextToAttempt(Time.Utc("2027-12-27T13:59:59Z")));
        var monday = ledger.RecordDue([series], Time.Utc("2027-12-27T14:00:00Z"), Duration.FromMinutes(5));

        Assert.Equal(["schedule:x:20271224T090000", "schedule:x:20271225T090000", "schedule:x:20271226T090000"], waiting.Select(r => r.Key));
        Assert.Equal(["schedule:x:20271227T090000"], monday.Select(r => r.Key));
        Assert.All(waiting.Concat(monday), r => Assert.Equal((Time.Utc("2027-12-27T14:00:00Z"), OccurrenceStatus.Scheduled), (r.DeliverAt, r.Status)));
        Assert.Equal("schedule:x:20271224T090000", ledger.NextToAttempt(Time.Utc("2027-12-27T14:00:00Z"))?.Key);
    }

    [Theory]
    [InlineData("-P1D", "2027-12-26T09:00:00-05:00")]
    [InlineData("-PT1H", "2027-12-27T08:00:00-05:00")]
    public void Alarms_OfAMovedOccurrence_MoveWithIt_AndASkippedOccurrenceHasNone(string offset, string movedAlarm)
    {
        // Friday the 24th is a holiday: moved to Monday the 27th; with skip, it has no alarm at all.
        var moved = Series("FREQ=WEEKLY;BYDAY=FR", "2027-12-17T09:00:00", Days(ExcludedDayPolicy.NextBusinessDay, ["2027-12-24"], Weekend));
        var skipped = Series("FREQ=WEEKLY;BYDAY=FR", "2027-12-17T09:00:00", Days(ExcludedDayPolicy.Skip, ["2027-12-24"], Weekend));
        var from = Time.Utc("2027-12-18T00:00:00Z");

        var movedAlarms = new AlarmSeries(Entity, moved, AlarmOffset.Parse(offset), moved.Delivery).From(from, null).Take(2).ToList();
        var skippedAlarms = new AlarmSeries(Entity, skipped, AlarmOffset.Parse(offset), skipped.Delivery).From(from, null).Take(1).ToList();

        Assert.Equal(Time.At(movedAlarm).ToInstant(), movedAlarms[0].Due);
        Assert.EndsWith(":20271224T090000", movedAlarms[0].Key);
        Assert.EndsWith(":20271231T090000", Assert.Single(skippedAlarms).Key);
    }

    private static ExcludedDays Days(ExcludedDayPolicy policy, string[] dates, IsoDayOfWeek[] weekend) =>
        new(new BusinessCalendar(new CalendarDefinition("c", 1, [.. dates.Select(d => Time.Local(d + "T00:00:00").Date)], [], weekend)), policy);

    private static RecurringSeries Series(string rule, string start, ExcludedDays days, DstGapPolicy gap = DstGapPolicy.ShiftForward) =>
        new(
            Entity,
            "custom",
            new ZonedRecurrence(Time.Local(start), RecurrenceRuleParser.Parse(rule), [], Time.Zone("America/New_York"), RecurrencePolicies.Default with { DstGap = gap }),
            local => OccurrenceKeys.AtLocalTime(Entity, local),
            local => local,
            Duration.FromDays(2),
            new OccurrenceDelivery("webhook", null, new Dictionary<string, string>(), "m", DeliveryGuarantee.AtLeastOnce),
            "test",
            Duration.Zero,
            days);
}
