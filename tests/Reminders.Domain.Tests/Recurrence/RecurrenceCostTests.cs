using System.Diagnostics;
using NodaTime;
using Reminders.Grains.Recurrence;
using Xunit.Abstractions;
using static Reminders.Domain.Tests.Recurrence.CostRules;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>
/// Cost bombs: whatever rule the parser accepts, finding the first instance, the next 1,000 (the most an upcoming
/// list or a preview shows) or the next one at a grain's wake allocates little and examines a bounded number of
/// candidates; what cannot be bounded is refused. Measured on this thread in allocated bytes and in the
/// expander's own count of candidates, never in wall-clock time (printed for the record only).
/// </summary>
public sealed class RecurrenceCostTests(ITestOutputHelper output)
{
    /// <summary>The request limit is 50 MB; one expansion must stay far below it.</summary>
    private const long MaxBytes = 50_000_000;

    private const long TightBytes = 2_000_000;

    private static readonly Instant Now = Time.Utc("2026-12-01T00:00:00Z");

    public static TheoryData<string> WorstAllowed()
    {
        var data = new TheoryData<string>();
        string[] rules =
        [
            $"FREQ=YEARLY;BYMONTH={Months};BYWEEKNO={Weeks};BYYEARDAY={YearDays};BYMONTHDAY={MonthDays};BYDAY={Weekdays};BYHOUR={Hours};BYMINUTE={Minutes};BYSECOND=0",
            $"FREQ=YEARLY;BYYEARDAY={YearDays};BYMONTHDAY={MonthDays};BYDAY={NthWeekdays(53)};BYHOUR={Hours};BYMINUTE={Minutes};BYSECOND=59",
            $"FREQ=YEARLY;BYMONTH={Months};BYMONTHDAY={MonthDays};BYDAY={NthWeekdays(5)};BYHOUR={Hours};BYMINUTE={Minutes}",
            $"FREQ=MONTHLY;BYMONTH={Months};BYMONTHDAY={MonthDays};BYDAY={NthWeekdays(5)};BYHOUR={Hours};BYMINUTE={Minutes};BYSECOND=0",
            $"FREQ=WEEKLY;BYMONTH={Months};BYDAY={Weekdays};BYHOUR={Hours};BYMINUTE={Minutes};BYSECOND=0",
            $"FREQ=DAILY;BYMONTH={Months};BYMONTHDAY={MonthDays};BYDAY={Weekdays};BYHOUR={Hours};BYMINUTE={Minutes};BYSECOND=0",
            $"FREQ=HOURLY;BYMONTH={Months};BYYEARDAY={YearDays};BYMONTHDAY={MonthDays};BYDAY={Weekdays};BYHOUR={Hours};BYMINUTE={Minutes};BYSECOND=0",

            // Rare: Feb 29 on a Monday, in every frequency, every time list full (one instance a minute on those days).
            $"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR={Hours};BYMINUTE={Minutes}",
            $"FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR={Hours};BYMINUTE={Minutes}",
            $"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR={Hours};BYMINUTE={Minutes}",
            $"FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYMINUTE={Minutes}",
            "FREQ=HOURLY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
        ];
        foreach (var rule in rules)
        {
            data.Add(rule);
            data.Add(rule + $";BYSETPOS={SetPositions}");
            data.Add(rule + ";BYSETPOS=-1");
        }

        return data;
    }

    public static TheoryData<string> NeverMatching() => new()
    {
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30,31",
        "FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;UNTIL=20261101T000000",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30,31",
        "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=HOURLY;INTERVAL=2;BYHOUR=10",
        "FREQ=HOURLY;INTERVAL=24;BYHOUR=10",
        $"FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6;BYYEARDAY={YearDays};BYHOUR={Hours};BYMINUTE={Minutes};BYSETPOS={SetPositions}",
        $"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;BYDAY={Weekdays};BYHOUR={Hours};BYMINUTE={Minutes};BYSETPOS={SetPositions}",
        $"FREQ=HOURLY;BYYEARDAY={YearDays};BYMONTH=2;BYMONTHDAY=30;BYDAY={Weekdays};BYHOUR={Hours};BYMINUTE={Minutes}",
    };

    [Fact]
    public void Parse_TheReportedEveryDayHourMinuteSecondRule_IsRefusedNamingBySecond()
    {
        Assert.True(Reported.Length > 1_800, "the reported rule is about 2 KB of text");

        Assert.False(RecurrenceRuleParser.TryParse(Reported, out _, out var error));
        Assert.StartsWith("BYSECOND: at most 1 value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HourlyEveryMinuteEverySecond_IsRefused() =>
        Assert.False(RecurrenceRuleParser.TryParse($"FREQ=HOURLY;BYMINUTE={Minutes};BYSECOND={Range(0, 59)}", out _, out _));

    [Fact]
    public void From_TheReportedRuleWithOneSecond_ExaminesAYearsDaysNotItsThirtyMillionInstances()
    {
        var recurrence = Of("2026-01-01T00:00:00", $"FREQ=YEARLY;BYYEARDAY={Range(1, 366)};BYHOUR={Hours};BYMINUTE={Minutes};BYSECOND=0;BYSETPOS=-1");

        var (bytes, instances) = Measure(recurrence, r => r.From(Now).Take(3).ToList());

        Assert.Equal(["2026-12-31T23:59:00", "2027-12-31T23:59:00", "2028-12-31T23:59:00"], instances.Select(i => i.Local.ToString("uuuu-MM-ddTHH:mm:ss", null)));
        Assert.InRange(bytes, 0, TightBytes);
        Assert.InRange(recurrence.CandidatesExamined, 0, 4 * 400);
    }

    [Theory]
    [MemberData(nameof(NeverMatching))]
    public void First_OfARuleThatNeverMatches_GivesUpWithinTheSearchBound(string rule)
    {
        var recurrence = Of("2026-12-01T09:00:00", rule);

        var (bytes, first) = Measure(recurrence, r => r.First());

        Assert.Null(first);
        Assert.InRange(bytes, 0, TightBytes);
        Assert.InRange(recurrence.CandidatesExamined, 0, RecurrenceExpander.MaxSearch + 2_000);
    }

    [Theory]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "2044-02-29T09:00:00")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=29;BYMONTH=2;BYDAY=MO", "2044-02-29T09:00:00")]
    [InlineData("FREQ=DAILY;BYMONTHDAY=29;BYMONTH=2;BYDAY=MO", "2044-02-29T09:00:00")]
    [InlineData("FREQ=HOURLY;BYMONTHDAY=29;BYMONTH=2;BYDAY=MO;BYHOUR=9", "2044-02-29T09:00:00")]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=3", "2044-02-29T09:00:00")]
    public void First_OfARareButRealRule_IsFoundWellInsideTheSearchBound(string rule, string expected)
    {
        var recurrence = Of("2026-12-01T09:00:00", rule);

        Assert.Equal(Time.Local(expected), recurrence.First()?.Local);
        Assert.False(recurrence.SearchExhausted);
        Assert.InRange(recurrence.CandidatesExamined, 0, RecurrenceExpander.MaxSearch / 10);
    }

    [Fact]
    public void From_Feb29OnAMondayAcrossTheCentury_FindsEveryInstanceOf400Years()
    {
        // 2096 to 2124 is the longest gap (2100 is no leap year); the search reaches each one.
        var recurrence = Of("2026-12-01T09:00:00", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO");

        var years = recurrence.From(Now).Take(1_000).Select(i => i.Local.Year).ToList();

        Assert.Equal([2044, 2072, 2112, 2140], years.Take(4));
        Assert.InRange(years.Count, 10, 20);
        Assert.False(recurrence.SearchExhausted);
    }

    [Theory]
    [MemberData(nameof(WorstAllowed))]
    public void Expansion_OfTheWorstAllowedRules_StaysBounded(string rule)
    {
        Assert.True(RecurrenceRuleParser.TryParse(rule, out _, out var error), error);
        var recurrence = Of("2026-12-01T09:00:00", rule);

        // Creation (is there a first?), the upcoming list and preview (1,000 from now), a wake mid-year (the next one).
        var (firstBytes, _) = Measure(recurrence, r => r.First());
        var (upcomingBytes, upcoming) = Measure(recurrence, r => r.From(Now).Take(1_000).ToList());
        var (wakeBytes, _) = Measure(recurrence, r => r.From(Time.Utc("2031-07-15T12:34:00Z")).FirstOrDefault());

        var stopwatch = Stopwatch.StartNew();
        var fresh = Of("2026-12-01T09:00:00", rule);
        _ = fresh.From(Now).Take(1_000).Count();
        output.WriteLine($"{upcoming.Count} upcoming; bytes first {firstBytes:N0}, upcoming {upcomingBytes:N0}, wake {wakeBytes:N0}; candidates {fresh.CandidatesExamined:N0} in {stopwatch.Elapsed.TotalMilliseconds:F1} ms (not asserted)");
        Assert.InRange(Math.Max(firstBytes, Math.Max(upcomingBytes, wakeBytes)), 0, TightBytes);
        Assert.InRange(fresh.CandidatesExamined, 0, 2 * RecurrenceExpander.MaxSearch);
        Assert.NotEmpty(upcoming);
    }

    private static ZonedRecurrence Of(string start, string rule) =>
        new(Time.Local(start), RecurrenceRuleParser.Parse(rule), [], Time.Zone("America/New_York"), RecurrencePolicies.Default);

    /// <summary>What <paramref name="work"/> allocates on this thread, after a warm-up on another recurrence (zone data, JIT).</summary>
    private static (long Bytes, T Result) Measure<T>(ZonedRecurrence recurrence, Func<ZonedRecurrence, T> work)
    {
        _ = Of("2026-01-01T09:00:00", "FREQ=DAILY;BYSETPOS=1;BYHOUR=9").From(Now).Take(2).ToList();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = work(recurrence);
        return (GC.GetAllocatedBytesForCurrentThread() - before, result);
    }
}
