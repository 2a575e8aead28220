using NodaTime;
using Reminders.Grains.Calendars;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Domain.Tests.Calendars;

/// <summary>Which days a business calendar excludes, and where a move to the next or previous business day lands.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Us = Calendar(
        ["2027-12-24"], ["FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4;UNTIL=20281231"], [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday]);

    [Theory]
    [InlineData("2027-12-24", true)] // listed (a Friday)
    [InlineData("2027-12-25", true)] // the rule's, and a Saturday
    [InlineData("2031-12-25", true)] // the rule's, a Thursday, years later
    [InlineData("2027-12-26", true)] // Sunday
    [InlineData("2027-12-23", false)] // Thursday
    [InlineData("2027-12-27", false)] // Monday
    [InlineData("2028-07-04", true)] // within the rule's UNTIL (a Tuesday)
    [InlineData("2029-07-04", false)] // after its UNTIL (a Wednesday)
    public void IsExcluded_ListedRuleAndWeekendDays(string date, bool excluded) =>
        Assert.Equal(excluded, Us.IsExcluded(Date(date)));

    [Theory]
    [InlineData("2027-12-24", ExcludedDayPolicy.NextBusinessDay, "2027-12-27")]
    [InlineData("2027-12-26", ExcludedDayPolicy.NextBusinessDay, "2027-12-27")]
    [InlineData("2027-12-24", ExcludedDayPolicy.PreviousBusinessDay, "2027-12-23")]
    [InlineData("2027-12-26", ExcludedDayPolicy.PreviousBusinessDay, "2027-12-23")]
    [InlineData("2027-12-24", ExcludedDayPolicy.Skip, null)]
    public void Move_FindsTheNearestBusinessDayInTheDirectionThePolicyNames(string date, ExcludedDayPolicy policy, string? expected) =>
        Assert.Equal(expected is null ? null : Date(expected), Us.Move(Date(date), policy));

    [Fact]
    public void Move_WithNoBusinessDayWithin366Days_GivesNone()
    {
        var everyDay = Calendar([], ["FREQ=DAILY"], []);

        Assert.Null(everyDay.Move(Date("2027-12-24"), ExcludedDayPolicy.NextBusinessDay));
        Assert.Null(everyDay.Move(Date("2027-12-24"), ExcludedDayPolicy.PreviousBusinessDay));
    }

    [Fact]
    public void Move_FindsABusinessDayExactly366DaysAway_ButNotOneFurther()
    {
        // Every day of 2028 (a leap year, 366 days) is listed: from 2027-12-31 the next business day is 2029-01-01, 367 days on.
        var year = Enumerable.Range(0, 366).Select(d => new LocalDate(2028, 1, 1).PlusDays(d)).ToList();
        var leap = new BusinessCalendar(new CalendarDefinition("leap", 1, [new LocalDate(2027, 12, 31), .. year], [], []));

        Assert.Null(leap.Move(Date("2027-12-31"), ExcludedDayPolicy.NextBusinessDay));
        Assert.Equal(Date("2029-01-01"), leap.Move(Date("2028-01-01"), ExcludedDayPolicy.NextBusinessDay));
    }

    private static BusinessCalendar Calendar(string[] dates, string[] rules, IsoDayOfWeek[] weekend) =>
        new(new CalendarDefinition("test", 1, [.. dates.Select(Date)], rules, weekend));

    private static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
