using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>
/// DST tables in the style of Quartz's: a daily, weekly and monthly rule at a time inside a gap or an overlap,
/// under each policy value, in four zones (one with a 30-minute shift, one at +12:45/+13:45). Each row gives
/// the offsets before and after the transition and the expected instance on the transition day, offset included.
/// </summary>
public sealed class DstPolicyTests
{
    private static readonly string[] Frequencies = ["DAILY", "WEEKLY", "MONTHLY"];

    // zone, wall-clock time on the transition day, offset before, offset after, gap policy, expected on that day (null: none), adjustment
    private static readonly (string Zone, string Local, string Before, string After, DstGapPolicy Policy, string? Expected, OccurrenceAdjustments Adjustment)[] Gaps =
    [
        ("America/New_York", "2027-03-14T02:30:00", "-05:00", "-04:00", DstGapPolicy.ShiftForward, "2027-03-14T03:30:00-04:00", OccurrenceAdjustments.DstGapShifted),
        ("America/New_York", "2027-03-14T02:30:00", "-05:00", "-04:00", DstGapPolicy.Omit, null, OccurrenceAdjustments.None),
        ("Europe/London", "2027-03-28T01:30:00", "+00:00", "+01:00", DstGapPolicy.ShiftForward, "2027-03-28T02:30:00+01:00", OccurrenceAdjustments.DstGapShifted),
        ("Europe/London", "2027-03-28T01:30:00", "+00:00", "+01:00", DstGapPolicy.Omit, null, OccurrenceAdjustments.None),
        ("Australia/Lord_Howe", "2026-10-04T02:15:00", "+10:30", "+11:00", DstGapPolicy.ShiftForward, "2026-10-04T02:45:00+11:00", OccurrenceAdjustments.DstGapShifted),
        ("Australia/Lord_Howe", "2026-10-04T02:15:00", "+10:30", "+11:00", DstGapPolicy.Omit, null, OccurrenceAdjustments.None),
        ("Pacific/Chatham", "2026-09-27T03:00:00", "+12:45", "+13:45", DstGapPolicy.ShiftForward, "2026-09-27T04:00:00+13:45", OccurrenceAdjustments.DstGapShifted),
        ("Pacific/Chatham", "2026-09-27T03:00:00", "+12:45", "+13:45", DstGapPolicy.Omit, null, OccurrenceAdjustments.None),
    ];

    private static readonly (string Zone, string Local, string Before, string After, DstOverlapPolicy Policy, string Expected, OccurrenceAdjustments Adjustment)[] Overlaps =
    [
        ("America/New_York", "2026-11-01T01:30:00", "-04:00", "-05:00", DstOverlapPolicy.Earlier, "2026-11-01T01:30:00-04:00", OccurrenceAdjustments.DstOverlapEarlier),
        ("America/New_York", "2026-11-01T01:30:00", "-04:00", "-05:00", DstOverlapPolicy.Later, "2026-11-01T01:30:00-05:00", OccurrenceAdjustments.DstOverlapLater),
        ("Europe/London", "2026-10-25T01:30:00", "+01:00", "+00:00", DstOverlapPolicy.Earlier, "2026-10-25T01:30:00+01:00", OccurrenceAdjustments.DstOverlapEarlier),
        ("Europe/London", "2026-10-25T01:30:00", "+01:00", "+00:00", DstOverlapPolicy.Later, "2026-10-25T01:30:00+00:00", OccurrenceAdjustments.DstOverlapLater),
        ("Australia/Lord_Howe", "2027-04-04T01:45:00", "+11:00", "+10:30", DstOverlapPolicy.Earlier, "2027-04-04T01:45:00+11:00", OccurrenceAdjustments.DstOverlapEarlier),
        ("Australia/Lord_Howe", "2027-04-04T01:45:00", "+11:00", "+10:30", DstOverlapPolicy.Later, "2027-04-04T01:45:00+10:30", OccurrenceAdjustments.DstOverlapLater),
        ("Pacific/Chatham", "2027-04-04T03:00:00", "+13:45", "+12:45", DstOverlapPolicy.Earlier, "2027-04-04T03:00:00+13:45", OccurrenceAdjustments.DstOverlapEarlier),
        ("Pacific/Chatham", "2027-04-04T03:00:00", "+13:45", "+12:45", DstOverlapPolicy.Later, "2027-04-04T03:00:00+12:45", OccurrenceAdjustments.DstOverlapLater),
    ];

    public static TheoryData<string, string, string, string, string, DstGapPolicy, string?, OccurrenceAdjustments> GapRows()
    {
        var data = new TheoryData<string, string, string, string, string, DstGapPolicy, string?, OccurrenceAdjustments>();
        foreach (var row in Gaps)
        {
            foreach (var frequency in Frequencies)
            {
                data.Add(row.Zone, frequency, row.Local, row.Before, row.After, row.Policy, row.Expected, row.Adjustment);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string, string, string, DstOverlapPolicy, string, OccurrenceAdjustments> OverlapRows()
    {
        var data = new TheoryData<string, string, string, string, string, DstOverlapPolicy, string, OccurrenceAdjustments>();
        foreach (var row in Overlaps)
        {
            foreach (var frequency in Frequencies)
            {
                data.Add(row.Zone, frequency, row.Local, row.Before, row.After, row.Policy, row.Expected, row.Adjustment);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GapRows))]
    public void A_time_in_a_spring_forward_gap_follows_the_gap_policy(
        string zone, string frequency, string local, string before, string after, DstGapPolicy policy, string? expected, OccurrenceAdjustments adjustment)
    {
        var (start, previous, next, following) = Around(Time.Local(local), frequency);
        var recurrence = Recurrences.Of(zone, Iso(start), $"FREQ={frequency}", dstGap: policy);

        var instances = recurrence.FromStart().Take(3).ToList();

        string?[] expectedInstances = expected is null
            ? [At(previous, before), At(next, after), At(following, after)]
            : [At(previous, before), expected, At(next, after)];
        Assert.Equal(expectedInstances, instances.Select(i => Offset(i.Due, zone)));
        Assert.Equal(expected is null ? OccurrenceAdjustments.None : adjustment, instances[1].Adjustments);
        Assert.Equal(Time.Local(local), expected is null ? instances[0].Local.Plus(Step(frequency)) : instances[1].Local); // the nominal time is kept
    }

    [Theory]
    [MemberData(nameof(OverlapRows))]
    public void A_time_in_a_fall_back_overlap_is_sent_once_at_the_instant_the_policy_picks(
        string zone, string frequency, string local, string before, string after, DstOverlapPolicy policy, string expected, OccurrenceAdjustments adjustment)
    {
        var (start, _, next, _) = Around(Time.Local(local), frequency);
        var recurrence = Recurrences.Of(zone, Iso(start), $"FREQ={frequency}", dstOverlap: policy);

        var instances = recurrence.FromStart().Take(3).ToList();

        Assert.Equal([At(start, before), expected, At(next, after)], instances.Select(i => Offset(i.Due, zone)));
        Assert.Equal(adjustment, instances[1].Adjustments);
        Assert.Equal(OccurrenceAdjustments.None, instances[0].Adjustments | instances[2].Adjustments);
    }

    [Fact]
    public void Hourly_rule_across_a_gap_never_repeats_an_instant()
    {
        var recurrence = Recurrences.Of("America/New_York", "2027-03-14T00:00:00", "FREQ=HOURLY;BYMINUTE=0,30;COUNT=12");

        var dues = recurrence.FromStart().Select(i => i.Due).ToList();

        Assert.Equal(dues.Order(), dues);
        Assert.Equal(dues.Count, dues.Distinct().Count());
        Assert.Equal(
            ["2027-03-14T00:00:00-05:00", "2027-03-14T00:30:00-05:00", "2027-03-14T01:00:00-05:00", "2027-03-14T01:30:00-05:00", "2027-03-14T03:00:00-04:00"],
            dues.Take(5).Select(d => Offset(d, "America/New_York")));
    }

    [Fact]
    public void Hourly_rule_across_a_fall_back_keeps_going_and_counts_each_wall_clock_hour_once()
    {
        // Ical.Net 5.2.4 loops forever here, or ends after 2 of 5 (docs/recurrence-library-evaluation.md).
        var recurrence = Recurrences.Of("America/New_York", "2025-11-02T00:30:00", "FREQ=HOURLY;COUNT=5");

        Assert.Equal(
            ["2025-11-02T00:30:00-04:00", "2025-11-02T01:30:00-04:00", "2025-11-02T02:30:00-05:00", "2025-11-02T03:30:00-05:00", "2025-11-02T04:30:00-05:00"],
            recurrence.FromStart().Take(10).Select(i => Offset(i.Due, "America/New_York")));
    }

    [Fact]
    public void Byhour_on_a_fall_back_day_sets_the_wall_clock_and_loses_no_hour()
    {
        var recurrence = Recurrences.Of("America/New_York", "2025-11-02T00:00:00", "FREQ=DAILY;BYHOUR=0,1,2,3;COUNT=8");

        Assert.Equal(
            [
                "2025-11-02T00:00:00-04:00", "2025-11-02T01:00:00-04:00", "2025-11-02T02:00:00-05:00", "2025-11-02T03:00:00-05:00",
                "2025-11-03T00:00:00-05:00", "2025-11-03T01:00:00-05:00", "2025-11-03T02:00:00-05:00", "2025-11-03T03:00:00-05:00",
            ],
            recurrence.FromStart().Take(10).Select(i => Offset(i.Due, "America/New_York")));
    }

    [Fact]
    public void Byhour_on_a_spring_forward_day_invents_no_hour()
    {
        // 02:00 does not exist: shifted forward it is 03:00-04:00, the instant 03:00 also gives, so it is sent once.
        var recurrence = Recurrences.Of("America/New_York", "2025-03-09T01:00:00", "FREQ=DAILY;BYHOUR=1,2,3;COUNT=6");

        Assert.Equal(
            ["2025-03-09T01:00:00-05:00", "2025-03-09T03:00:00-04:00", "2025-03-10T01:00:00-04:00", "2025-03-10T02:00:00-04:00", "2025-03-10T03:00:00-04:00"],
            recurrence.FromStart().Take(10).Select(i => Offset(i.Due, "America/New_York")));
    }

    /// <summary>The rule's start one step before the transition day, and the instances around it.</summary>
    private static (LocalDateTime Start, LocalDateTime Previous, LocalDateTime Next, LocalDateTime Following) Around(LocalDateTime local, string frequency)
    {
        var step = Step(frequency);
        return (local.Minus(step), local.Minus(step), local.Plus(step), local.Plus(step).Plus(step));
    }

    private static Period Step(string frequency) => frequency switch
    {
        "DAILY" => Period.FromDays(1),
        "WEEKLY" => Period.FromWeeks(1),
        _ => Period.FromMonths(1),
    };

    private static string At(LocalDateTime local, string offset) => Iso(local) + offset;

    private static string Iso(LocalDateTime local) => local.ToString("uuuu-MM-dd'T'HH:mm:ss", null);

    private static string Offset(Instant instant, string zone) =>
        instant.InZone(Time.Zone(zone)).ToOffsetDateTime().ToString("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>", null);
}
