using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;
using Reminders.Grains.Recurrence;
using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests;

/// <summary>Spreading a herd: a key's offset is fixed, within the window, evenly spread; the ledger waits for it.</summary>
public sealed class SpreadTests
{
    private static readonly Duration OneMinute = Duration.FromMinutes(1);

    // Expected offsets computed outside .NET, with Python:
    //   int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") % spread_in_milliseconds
    [Theory]
    [InlineData("schedule:standup:20270301T090000", 60_000, 50_873)]
    [InlineData("schedule:standup:20270301T090000", 600_000, 110_873)]
    [InlineData("schedule:standup:20270301T090000", 86_400_000, 32_510_873)]
    [InlineData("schedule:standup:20270302T090000", 600_000, 557_015)]
    [InlineData("user:ada:birthday:2026", 60_000, 36_373)]
    public void OffsetOf_Key_IsTheFirst8BytesOfItsSha256ModuloTheSpread(string key, long spreadMs, long expectedMs)
    {
        Assert.Equal(Duration.FromMilliseconds(expectedMs), SpreadOffsets.OffsetOf(key, Duration.FromMilliseconds(spreadMs)));
    }

    [Fact]
    public void OffsetOf_NoSpread_IsZero()
    {
        Assert.Equal(Duration.Zero, SpreadOffsets.OffsetOf("schedule:standup:20270301T090000", Duration.Zero));
    }

    [Fact]
    public void OffsetOf_AThousandKeys_FallWithinTheSpreadRoughlyUniformly()
    {
        var offsets = Enumerable.Range(0, 1_000).Select(i => SpreadOffsets.OffsetOf($"schedule:herd-{i}:20270301T090000", OneMinute)).ToList();

        Assert.All(offsets, o => Assert.InRange(o, Duration.Zero, OneMinute - Duration.FromMilliseconds(1)));

        // Ten 6-second buckets expect 100 each; a fair hash lands within 100 ± 40 with overwhelming probability (about 4.4 sigma).
        var buckets = offsets.GroupBy(o => (int)(o.TotalSeconds / 6)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, buckets.Count);
        Assert.All(buckets.Values, count => Assert.InRange(count, 60, 140));
        Assert.True(offsets.Distinct().Count() > 990, "nearly every key gets its own millisecond");
    }

    [Fact]
    public void From_SeriesWithSpread_KeepsDueNominalAndPlansEachAtDuePlusItsKeysOffset()
    {
        var series = Daily(OneMinute);

        var first = series.From(Time.Utc("2027-03-01T00:00:00Z"), null).Take(2).ToList();

        Assert.Equal(
            [
                ("schedule:standup:20270301T090000", Time.Utc("2027-03-01T09:00:00Z"), Time.Utc("2027-03-01T09:00:50.873Z")),
                ("schedule:standup:20270302T090000", Time.Utc("2027-03-02T09:00:00Z"), Time.Utc("2027-03-02T09:00:17.015Z")),
            ],
            first.Select(o => (o.Key, o.Due, o.Planned)));
    }

    [Fact]
    public void Ledger_SpreadOccurrence_IsRecordedAtDueButAttemptedOnlyFromItsPlannedTime()
    {
        var ledger = new OccurrenceLedger("schedule:standup");
        ledger.PassOverUntil(Time.Utc("2027-03-01T00:00:00Z"));
        var series = Daily(OneMinute);

        var added = ledger.RecordDue([series], Time.Utc("2027-03-01T09:00:00Z"), Duration.FromMinutes(1));

        var record = Assert.Single(added);
        Assert.Equal((OccurrenceStatus.Scheduled, Time.Utc("2027-03-01T09:00:50.873Z")), (record.Status, record.DeliverAt));
        Assert.Null(ledger.NextToAttempt(Time.Utc("2027-03-01T09:00:50.872Z")));
        Assert.Equal(Time.Utc("2027-03-01T09:00:50.873Z"), ledger.NextWake([series]));
        Assert.Same(record, ledger.NextToAttempt(Time.Utc("2027-03-01T09:00:50.873Z")));
        Assert.Equal(Time.Utc("2027-03-03T09:00:50.873Z"), record.Deadline); // the two-day window counts from the planned time
    }

    [Fact]
    public void NextWake_BeforeDue_IsThePlannedTimeNotTheDueTime()
    {
        var ledger = new OccurrenceLedger("schedule:standup");
        ledger.PassOverUntil(Time.Utc("2027-03-01T00:00:00Z"));

        Assert.Equal(Time.Utc("2027-03-01T09:00:50.873Z"), ledger.NextWake([Daily(OneMinute)]));
    }

    [Fact]
    public void NextWake_LaterOccurrencePlannedFirst_WakesForThatOne()
    {
        // Hourly from 12:00 with PT3H: 12:00's key is planned at 14:58:05.560, 13:00's at 13:33:32.436 (offsets from Python, as above).
        var ledger = new OccurrenceLedger("schedule:standup");
        ledger.PassOverUntil(Time.Utc("2027-03-01T00:00:00Z"));
        var series = Daily(Duration.FromHours(3), Frequency.Hourly, hour: 12);

        Assert.Equal(Time.Utc("2027-03-01T13:33:32.436Z"), ledger.NextWake([series]));

        // Waking then records both; only 13:00's is ready, and the next wake is 12:00's planned time.
        ledger.RecordDue([series], Time.Utc("2027-03-01T13:33:32.436Z"), Duration.FromMinutes(1));
        Assert.Equal("schedule:standup:20270301T130000", ledger.NextToAttempt(Time.Utc("2027-03-01T13:33:32.436Z"))?.Key);
        Assert.Equal(Time.Utc("2027-03-01T14:58:05.560Z"), ledger.Records.Single(r => r.Key.EndsWith("T120000", StringComparison.Ordinal)).DeliverAt);
    }

    private static RecurringSeries Daily(Duration spread, Frequency frequency = Frequency.Daily, int hour = 9)
    {
        var entity = OccurrenceKeys.ScheduleEntity("standup");
        var recurrence = new ZonedRecurrence(
            new LocalDateTime(2027, 3, 1, hour, 0), new RecurrenceRule { Frequency = frequency }, [], Time.Zone("Europe/London"), RecurrencePolicies.Default);
        return new RecurringSeries(
            entity, "custom", recurrence, local => OccurrenceKeys.AtLocalTime(entity, local), local => local, Duration.FromDays(2),
            new OccurrenceDelivery("webhook", null, new Dictionary<string, string>(), "m", DeliveryGuarantee.AtLeastOnce), "test", spread);
    }
}
