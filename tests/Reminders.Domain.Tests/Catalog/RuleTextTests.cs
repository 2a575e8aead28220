using NodaTime;
using Reminders.Grains.Catalog;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Domain.Tests.Catalog;

/// <summary>Rules in words, as the lists and the console show them.</summary>
public sealed class RuleTextTests
{
    private static readonly LocalDateTime Monday0900 = new(2027, 3, 1, 9, 0); // 2027-03-01 is a Monday

    [Fact]
    public void Annual_Birthday_SaysDayMonthTimeAndZone() =>
        Assert.Equal("birthday every year on 14 March at 09:00 Europe/London",
            RuleText.Annual("birthday", new LocalDate(1990, 3, 14), new LocalTime(9, 0), "Europe/London", InvalidDatePolicy.Backward));

    [Theory]
    [InlineData(InvalidDatePolicy.Backward, "birthday every year on 29 February (28 February in common years) at 09:00 UTC")]
    [InlineData(InvalidDatePolicy.Forward, "birthday every year on 29 February (1 March in common years) at 09:00 UTC")]
    [InlineData(InvalidDatePolicy.Omit, "birthday every year on 29 February (leap years only) at 09:00 UTC")]
    public void Annual_LeapDay_SaysWhatCommonYearsDo(InvalidDatePolicy policy, string expected) =>
        Assert.Equal(expected, RuleText.Annual("birthday", new LocalDate(2000, 2, 29), new LocalTime(9, 0), "UTC", policy));

    [Fact]
    public void Schedule_OneShot_SaysDateTimeAndZone() =>
        Assert.Equal("on 2027-03-01 at 10:00 UTC", RuleText.Schedule(new LocalDateTime(2027, 3, 1, 10, 0), null, "UTC"));

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "America/New_York", "every weekday at 09:00 America/New_York")]
    [InlineData("FREQ=DAILY;BYDAY=FR,TH,WE,TU,MO", "America/New_York", "every weekday at 09:00 America/New_York")]
    [InlineData("FREQ=DAILY", "UTC", "every day at 09:00 UTC")]
    [InlineData("FREQ=DAILY;INTERVAL=3", "UTC", "every 3 days at 09:00 UTC")]
    [InlineData("FREQ=WEEKLY", "UTC", "every week on Monday at 09:00 UTC")]
    [InlineData("FREQ=MONTHLY", "UTC", "every month on the 1st at 09:00 UTC")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=1,15,-1", "UTC", "every month on the 1st, 15th and last day at 09:00 UTC")]
    [InlineData("FREQ=MONTHLY;BYDAY=-1FR", "UTC", "every month on the last Friday at 09:00 UTC")]
    [InlineData("FREQ=MONTHLY;BYDAY=2TU", "UTC", "every month on the 2nd Tuesday at 09:00 UTC")]
    [InlineData("FREQ=YEARLY", "Europe/London", "every year on 1 March at 09:00 Europe/London")]
    [InlineData("FREQ=YEARLY;BYMONTH=1,7", "UTC", "every year on the 1st in January and July at 09:00 UTC")]
    [InlineData("FREQ=HOURLY;INTERVAL=2", "UTC", "every 2 hours from 09:00 UTC")]
    [InlineData("FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0,30", "UTC", "every day at 09:00, 09:30, 17:00 and 17:30 UTC")]
    [InlineData("FREQ=DAILY;COUNT=10", "UTC", "every day at 09:00 UTC, 10 times")]
    [InlineData("FREQ=DAILY;UNTIL=20270331T090000Z", "UTC", "every day at 09:00 UTC, until 2027-03-31T09:00:00Z")]
    public void Schedule_Rule_SaysItInWords(string rule, string zone, string expected) =>
        Assert.Equal(expected, RuleText.Schedule(Monday0900, rule, zone));

    [Fact]
    public void Schedule_EveryTwoWeeksOnTwoDays_NamesIntervalDaysTimeAndZone() =>
        Assert.Equal("every 2 weeks on Monday and Thursday at 18:30 Europe/Berlin",
            RuleText.Schedule(new LocalDateTime(2027, 3, 1, 18, 30), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "Europe/Berlin"));

    [Fact]
    public void Schedule_PartWithoutAPhrase_IsAppendedAsWritten() =>
        Assert.Equal("every month on Monday, Tuesday, Wednesday, Thursday and Friday at 09:00 UTC (BYSETPOS=-1)",
            RuleText.Schedule(Monday0900, "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "UTC"));

    [Fact]
    public void Schedule_RuleThatDoesNotParse_FallsBackToTheRuleText() =>
        Assert.Equal("RRULE FREQ=SOMETIMES from 2027-03-01 09:00 UTC", RuleText.Schedule(Monday0900, "FREQ=SOMETIMES", "UTC"));
}
