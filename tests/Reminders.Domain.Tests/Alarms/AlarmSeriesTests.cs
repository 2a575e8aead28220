using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;
using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests.Alarms;

/// <summary>
/// Where each occurrence's alarm lies, table-driven in real zones with every expected offset written out: whole days
/// as calendar arithmetic in the zone (then the DST policies), time as exact elapsed time; and which alarms a series
/// lists from an instant, so catch-up and the high-water mark apply to them as to occurrences.
/// </summary>
public sealed class AlarmSeriesTests
{
    public static TheoryData<string, string, string, string, string, OccurrenceAdjustments> Placed => new()
    {
        // zone, occurrence (local), offset, alarm's local time, alarm's instant with its offset, adjustments
        { "America/New_York", "2027-03-14T09:00:00", "-P1D", "2027-03-13T09:00:00", "2027-03-13T09:00:00-05:00", OccurrenceAdjustments.None },
        { "America/New_York", "2027-03-14T09:00:00", "-PT24H", "2027-03-13T08:00:00", "2027-03-13T08:00:00-05:00", OccurrenceAdjustments.None },
        { "America/New_York", "2027-03-15T02:30:00", "-P1D", "2027-03-14T02:30:00", "2027-03-14T03:30:00-04:00", OccurrenceAdjustments.DstGapShifted },
        { "America/New_York", "2027-11-08T01:30:00", "-P1D", "2027-11-07T01:30:00", "2027-11-07T01:30:00-04:00", OccurrenceAdjustments.DstOverlapEarlier },
        { "Europe/London", "2027-10-31T09:00:00", "-P1D", "2027-10-30T09:00:00", "2027-10-30T09:00:00+01:00", OccurrenceAdjustments.None },
        { "Europe/London", "2027-10-31T09:00:00", "-PT24H", "2027-10-30T10:00:00", "2027-10-30T10:00:00+01:00", OccurrenceAdjustments.None },
        { "Europe/London", "2027-03-27T09:00:00", "P1D", "2027-03-28T09:00:00", "2027-03-28T09:00:00+01:00", OccurrenceAdjustments.None },
        { "Australia/Lord_Howe", "2027-10-04T02:15:00", "-P1D", "2027-10-03T02:15:00", "2027-10-03T02:45:00+11:00", OccurrenceAdjustments.DstGapShifted },
        { "Pacific/Chatham", "2027-09-26T12:00:00", "-PT12H", "2027-09-25T23:00:00", "2027-09-25T23:00:00+12:45", OccurrenceAdjustments.None },
    };

    [Theory]
    [MemberData(nameof(Placed))]
    public void From_AlarmOfAnOccurrence_LiesWhereItsOffsetSays(string zone, string occurrence, string offset, string local, string at, OccurrenceAdjustments adjustments)
    {
        var alarms = Alarms(zone, occurrence, rule: null, offset);

        var alarm = Assert.Single(alarms.From(Time.Utc("2027-01-01T00:00:00Z"), highWater: null));

        Assert.Equal((Time.Local(local), Time.At(at), adjustments), (alarm.LocalTime, Time.In(alarm.Due, Time.Zone(zone)), alarm.Adjustments));
        Assert.Equal(Time.Local(occurrence), alarm.Nominal);
        Assert.Equal($"schedule:standup:-alarm:{AlarmOffset.Parse(offset).Text}:{Time.Local(occurrence):yyyyMMdd'T'HHmmss}", alarm.Key);
    }

    [Fact]
    public void From_AnInstantAfterABeforeAlarm_StillListsItWhileItsOccurrenceIsToCome()
    {
        // Asked from 08:30Z, after the 08:00Z alarm of the 09:00Z occurrence: it is listed (the ledger then catches it up).
        var alarms = Alarms("Europe/London", "2027-01-04T09:00:00", "FREQ=DAILY;COUNT=2", "-PT1H");

        Assert.Equal(
            ["2027-01-04T08:00:00Z", "2027-01-05T08:00:00Z"],
            alarms.From(Time.Utc("2027-01-04T08:30:00Z"), highWater: null).Select(a => a.Due.ToString()));
        Assert.Equal(
            ["2027-01-05T08:00:00Z"],
            alarms.From(Time.Utc("2027-01-04T09:00:01Z"), highWater: null).Select(a => a.Due.ToString()));
    }

    [Fact]
    public void From_AnInstantAfterAnOccurrence_ListsItsAfterAlarmStillToCome()
    {
        var alarms = Alarms("Europe/London", "2027-01-04T09:00:00", "FREQ=DAILY;COUNT=2", "P2D");

        Assert.Equal(
            ["2027-01-06T09:00:00Z", "2027-01-07T09:00:00Z"],
            alarms.From(Time.Utc("2027-01-05T12:00:00Z"), highWater: null).Select(a => a.Due.ToString()));
    }

    [Fact]
    public void From_WithAHighWaterMark_ListsOnlyAlarmsOfLaterOccurrences()
    {
        var alarms = Alarms("Europe/London", "2027-01-04T09:00:00", "FREQ=DAILY;COUNT=3", "-P1D");

        Assert.Equal(
            ["schedule:standup:-alarm:-P1D:20270106T090000"],
            alarms.From(Time.Utc("2027-01-01T00:00:00Z"), highWater: Time.Local("2027-01-05T09:00:00")).Select(a => a.Key));
    }

    [Fact]
    public void From_DayAlarmThatDstWouldPutBeforeTheAlarmOfAnEarlierOccurrence_GoesOutWithThatOne()
    {
        // 02:30, 03:00 and 03:30 on the 15th: the day before, 02:30 is in the gap (read as 03:30 EDT, 07:30Z) and 03:00 is
        // 07:00Z. The second alarm goes out with the first rather than before it: listed times never go backwards.
        var alarms = Alarms("America/New_York", "2027-03-15T02:30:00", "FREQ=HOURLY;BYMINUTE=0,30;COUNT=3", "-P1D");

        var dues = alarms.From(Time.Utc("2027-03-01T00:00:00Z"), highWater: null).Select(a => a.Due).ToList();

        Assert.Equal([Time.Utc("2027-03-14T07:30:00Z"), Time.Utc("2027-03-14T07:30:00Z"), Time.Utc("2027-03-14T07:30:00Z")], dues);
    }

    private static AlarmSeries Alarms(string zone, string start, string? rule, string offset)
    {
        var entity = OccurrenceKeys.ScheduleEntity("standup");
        var recurrence = new ZonedRecurrence(
            Time.Local(start), rule is null ? null : RecurrenceRuleParser.Parse(rule), [], Time.Zone(zone), RecurrencePolicies.Default);
        var delivery = new OccurrenceDelivery("webhook", null, new Dictionary<string, string>(), "m", DeliveryGuarantee.AtLeastOnce);
        var occurrences = new RecurringSeries(
            entity, EventKinds.Custom, recurrence, local => OccurrenceKeys.AtLocalTime(entity, local), local => local, Duration.FromDays(2), delivery, "test");
        return new AlarmSeries(entity, occurrences, AlarmOffset.Parse(offset), delivery);
    }
}
