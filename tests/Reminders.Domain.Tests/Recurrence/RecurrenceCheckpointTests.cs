using NodaTime;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>
/// A rule with COUNT resumes from a checkpoint that earlier calls on the same expander left, instead of counting
/// again from DTSTART. Called again and again on one instance, as a grain does (now and then going back), it
/// must give exactly what a fresh instance gives from the same points: through the hourly day-skip, invalid
/// dates moved across a period's start, BYSETPOS, UNTIL and DST.
/// </summary>
public sealed class RecurrenceCheckpointTests
{
    public static TheoryData<string, string, InvalidDatePolicy> Rules => new()
    {
        // Hourly rules skip a day that cannot match at once, jumping several periods.
        { "2027-01-04T07:00:00", "FREQ=HOURLY;INTERVAL=5;BYDAY=MO,WE;COUNT=150", InvalidDatePolicy.Omit },
        { "2027-01-01T00:00:00", "FREQ=HOURLY;BYHOUR=9,17;BYMONTH=1,3;COUNT=80", InvalidDatePolicy.Omit },
        { "2027-01-01T09:00:00", "FREQ=DAILY;INTERVAL=3;COUNT=100", InvalidDatePolicy.Omit },
        { "2027-01-01T09:00:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=8,18;COUNT=120", InvalidDatePolicy.Omit },

        // Forward puts February's 31st on 1 March, after March's period has begun.
        { "2027-01-31T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=40", InvalidDatePolicy.Omit },
        { "2027-01-31T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=40", InvalidDatePolicy.Backward },
        { "2027-01-31T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=40", InvalidDatePolicy.Forward },

        // A moved instance that the next or the previous period also gives: it is counted once.
        { "2027-02-01T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=1,31;COUNT=40", InvalidDatePolicy.Forward },
        { "2027-01-01T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=-31,-1;COUNT=40", InvalidDatePolicy.Backward },

        { "2024-02-29T09:00:00", "FREQ=YEARLY;COUNT=12", InvalidDatePolicy.Omit },
        { "2024-02-29T09:00:00", "FREQ=YEARLY;COUNT=12", InvalidDatePolicy.Backward },
        { "2024-02-29T09:00:00", "FREQ=YEARLY;COUNT=12", InvalidDatePolicy.Forward },

        { "2027-01-01T09:00:00", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1;COUNT=40", InvalidDatePolicy.Omit },
        { "2027-01-01T09:00:00", "FREQ=YEARLY;BYMONTH=2,4;BYMONTHDAY=30,31;BYSETPOS=-1;COUNT=20", InvalidDatePolicy.Forward },

        // No instance in 400 years: every call searches to its horizon, which depends on its from.
        { "2027-01-01T09:00:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", InvalidDatePolicy.Omit },

        // UNTIL alone: no checkpoint is kept, and nothing changes.
        { "2027-01-31T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20300301T000000", InvalidDatePolicy.Forward },
    };

    // A start three days before each transition: gaps in spring (or the southern spring), overlaps in autumn.
    public static TheoryData<string, string, string, DstGapPolicy, DstOverlapPolicy> Transitions()
    {
        (string Zone, string Start)[] starts =
        [
            ("America/New_York", "2027-03-11T00:00:00"), ("America/New_York", "2026-10-29T00:00:00"),
            ("Europe/London", "2027-03-25T00:00:00"), ("Europe/London", "2026-10-22T00:00:00"),
            ("Australia/Lord_Howe", "2026-10-01T00:00:00"), ("Australia/Lord_Howe", "2027-04-01T00:00:00"),
            ("Pacific/Chatham", "2026-09-24T00:00:00"), ("Pacific/Chatham", "2027-04-01T00:00:00"),
        ];
        string[] rules = ["FREQ=HOURLY;COUNT=168", "FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=0,15,30,45;COUNT=100"];
        var data = new TheoryData<string, string, string, DstGapPolicy, DstOverlapPolicy>();
        foreach (var (zone, start) in starts)
        {
            foreach (var rule in rules)
            {
                data.Add(zone, start, rule, DstGapPolicy.ShiftForward, DstOverlapPolicy.Earlier);
                data.Add(zone, start, rule, DstGapPolicy.Omit, DstOverlapPolicy.Later);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void From_CalledRepeatedlyOnOneExpander_YieldsWhatAFreshExpanderYields(string start, string rule, InvalidDatePolicy policy) =>
        AssertResumesExactly(Time.Local(start), RecurrenceRuleParser.Parse(rule), policy);

    [Fact]
    public void From_CalledRepeatedlyWithCountAndUntil_StopsAtWhicheverComesFirst()
    {
        // The parser refuses COUNT with UNTIL (RFC 5545), but the expander honours both, so its checkpoint must too.
        var rule = RecurrenceRuleParser.Parse("FREQ=DAILY;BYHOUR=9,21;COUNT=100") with { Until = new RuleUntil(null, Time.Local("2027-02-10T12:00:00")) };

        AssertResumesExactly(Time.Local("2027-01-01T09:00:00"), rule, InvalidDatePolicy.Omit);
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void From_CalledRepeatedlyOnOneZonedRecurrenceAcrossDst_YieldsWhatAFreshOneYields(
        string zone, string start, string rule, DstGapPolicy gap, DstOverlapPolicy overlap)
    {
        ZonedRecurrence Fresh() => Recurrences.Of(zone, start, rule, dstGap: gap, dstOverlap: overlap);
        var one = Fresh();
        var points = Fresh().FromStart()
            .SelectMany(i => new[] { i.Due - Duration.FromHours(1), i.Due, i.Due + Duration.Epsilon })
            .Distinct().Order().ToList();

        foreach (var from in Walk(points))
        {
            Assert.Equal($"{from}: {string.Join(", ", Fresh().From(from))}", $"{from}: {string.Join(", ", one.From(from))}");
        }
    }

    [Fact]
    public void From_WakeAtThe9999thOfTenThousandHours_VisitsTwoPeriods()
    {
        var start = Time.Local("2026-01-01T00:00:00");
        var rule = RecurrenceRuleParser.Parse("FREQ=HOURLY;COUNT=10000");
        var all = new RecurrenceExpander(start, rule, InvalidDatePolicy.Omit).From(start).ToList();
        var expander = new RecurrenceExpander(start, rule, InvalidDatePolicy.Omit);

        // The wake before, at the 9,998th, also looks ahead to the end of the series, as the upcoming list does.
        Assert.Equal(all.Skip(9_997), Due(all[9_997].Local).Take(10));
        var previousWake = expander.PeriodsVisited;
        Assert.Equal(all[9_998], Due(all[9_998].Local).First());

        // The first wake counts every hour from DTSTART; the next visits the previous wake's hour, then its own.
        Assert.Equal(10_000, previousWake);
        Assert.Equal(2, expander.PeriodsVisited - previousWake);

        IEnumerable<LocalInstance> Due(LocalDateTime from) => expander.From(from).Where(i => i.Local >= from);
    }

    private static void AssertResumesExactly(LocalDateTime start, RecurrenceRule rule, InvalidDatePolicy policy)
    {
        var one = new RecurrenceExpander(start, rule, policy);
        var all = new RecurrenceExpander(start, rule, policy).From(start).ToList();

        // Each instance, just after it, an hour before it and its day's start (a period's start, before a moved instance).
        var points = all.SelectMany(i => new[] { i.Local.Date.AtMidnight(), i.Local.PlusHours(-1), i.Local, i.Local.PlusSeconds(1) })
            .Concat([start.PlusDays(-1), start.PlusYears(300), start.PlusYears(700), .. all.TakeLast(1).Select(i => i.Local.PlusDays(1))])
            .Distinct().Order().ToList();
        foreach (var from in Walk(points))
        {
            Assert.Equal($"{from}: {Due(new RecurrenceExpander(start, rule, policy), from)}", $"{from}: {Due(one, from)}");
        }

        static string Due(RecurrenceExpander expander, LocalDateTime from) => string.Join(", ", expander.From(from).Where(i => i.Local >= from));
    }

    /// <summary>The points in order, going back now and then, as a cursor moved back or a second caller would.</summary>
    private static IEnumerable<T> Walk<T>(IReadOnlyList<T> points)
    {
        for (var i = 0; i < points.Count; i++)
        {
            yield return points[i];
            if (i % 5 == 4)
            {
                yield return points[i / 2];
                yield return points[i - 1];
            }
        }
    }
}
