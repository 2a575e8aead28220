using NodaTime;
using Reminders.Grains.Recurrence;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>
/// BYWEEKNO against dates computed outside our code (week_numbers.py, from Python's isocalendar): weeks that begin
/// in December or end in January keep all their days, whatever the week start.
/// </summary>
public sealed class WeekNumberTests
{
    private static readonly LocalDate LastDate = new(2030, 12, 31);

    public static TheoryData<string, string> Expectations()
    {
        var data = new TheoryData<string, string>();
        foreach (var (rule, dates) in WeekNumberExpectations.All)
        {
            data.Add(rule, dates);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Expansion_ByWeekNo_SelectsExactlyTheDaysOfThoseWeeksAcrossYearBoundaries(string rule, string dates)
    {
        var recurrence = Recurrences.Of("Europe/London", "2015-01-01T09:00:00", rule);

        var produced = recurrence.FromStart().TakeWhile(i => i.Local.Date <= LastDate).Select(Date);

        Assert.Equal(dates.Split(' '), produced);
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Expansion_ByWeekNo_FromAnyDateInTheRange_ContinuesWithTheSameDates(string rule, string dates)
    {
        var expected = dates.Split(' ');
        var recurrence = Recurrences.Of("Europe/London", "2015-01-01T09:00:00", rule);

        // Starting late makes the expander jump straight to a period: the jump must not lose a week's December days.
        foreach (var from in new[] { "2018-12-30", "2019-12-31", "2020-12-31", "2021-01-02", "2026-12-27" })
        {
            var instant = Time.Local(from + "T00:00:00").InZoneLeniently(recurrence.Zone).ToInstant();
            var produced = recurrence.From(instant).TakeWhile(i => i.Local.Date <= LastDate).Select(Date);

            Assert.Equal(expected.Where(d => string.CompareOrdinal(d, from) >= 0), produced);
        }
    }

    [Fact]
    public void Expansion_Week1MondayFrom2018_Yields2018Dec31And2019Dec30()
    {
        var recurrence = Recurrences.Of("Europe/London", "2018-01-01T09:00:00", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO");

        Assert.Equal(["2018-01-01", "2018-12-31", "2019-12-30", "2021-01-04"], recurrence.Dates(4));
    }

    [Fact]
    public void Expansion_ByWeekNoWithCount_CountsTheDecemberDaysOfNextYearsWeekOne()
    {
        var recurrence = Recurrences.Of("Europe/London", "2018-01-01T09:00:00", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO;COUNT=3");

        Assert.Equal(["2018-01-01", "2018-12-31", "2019-12-30"], recurrence.Dates(10));
    }

    [Fact]
    public void Expansion_ByWeekNoWithSundayWeekStart_NumbersWeeksFromSunday()
    {
        // 2017-01-01 is a Sunday: with WKST=SU it opens week 1 of 2017; with WKST=MO it ends week 52 of 2016.
        var sunday = Recurrences.Of("Europe/London", "2016-06-01T09:00:00", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=SU;WKST=SU");
        var monday = Recurrences.Of("Europe/London", "2016-06-01T09:00:00", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=SU;WKST=MO");

        Assert.Equal("2017-01-01", sunday.Dates(1)[0]);
        Assert.Equal("2017-01-08", monday.Dates(1)[0]);
    }

    private static string Date(ScheduledInstance instance) => instance.Local.Date.ToString("uuuu-MM-dd", null);
}
