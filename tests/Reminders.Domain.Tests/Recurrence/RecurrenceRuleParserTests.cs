using NodaTime;
using Reminders.Grains.Recurrence;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>The RRULE parser: every RFC 5545 part the API accepts, and an error naming the part for everything it refuses.</summary>
public sealed class RecurrenceRuleParserTests
{
    [Fact]
    public void Every_supported_part_is_read()
    {
        var rule = RecurrenceRuleParser.Parse("RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,3;BYDAY=1MO,-1FR,SU;BYMONTHDAY=-1,15;BYHOUR=9;BYMINUTE=30;BYSECOND=0;BYSETPOS=-1;WKST=SU");

        Assert.Equal(Frequency.Yearly, rule.Frequency);
        Assert.Equal((2, 10), (rule.Interval, rule.Count));
        Assert.Equal([1, 3], rule.ByMonth);
        Assert.Equal([new WeekdayNumber(1, IsoDayOfWeek.Monday), new WeekdayNumber(-1, IsoDayOfWeek.Friday), new WeekdayNumber(0, IsoDayOfWeek.Sunday)], rule.ByDay);
        Assert.Equal([-1, 15], rule.ByMonthDay);
        Assert.Equal([9], rule.ByHour);
        Assert.Equal([30], rule.ByMinute);
        Assert.Equal([0], rule.BySecond);
        Assert.Equal([-1], rule.BySetPos);
        Assert.Equal(IsoDayOfWeek.Sunday, rule.WeekStart);
    }

    [Theory]
    [InlineData("FREQ=DAILY;UNTIL=20270101T090000Z", "2027-01-01T09:00:00Z", null)]
    [InlineData("FREQ=DAILY;UNTIL=20270101T090000", null, "2027-01-01T09:00:00")]
    [InlineData("FREQ=DAILY;UNTIL=20270101", null, "2027-01-01T23:59:59.999999999")]
    public void Until_is_read_as_utc_local_or_whole_day(string text, string? utc, string? local)
    {
        var until = RecurrenceRuleParser.Parse(text).Until!.Value;

        Assert.Equal(utc is null ? null : Time.Utc(utc), until.Utc);
        Assert.Equal(local is null ? null : NodaTime.Text.LocalDateTimePattern.ExtendedIso.Parse(local).Value, until.Local);
    }

    [Theory]
    [InlineData("", "is not a NAME=VALUE")]
    [InlineData("INTERVAL=2", "FREQ is required")]
    [InlineData("FREQ=FORTNIGHTLY", "FREQ: \"FORTNIGHTLY\"")]
    [InlineData("FREQ=MINUTELY", "FREQ=MINUTELY is not supported")]
    [InlineData("FREQ=SECONDLY", "FREQ=SECONDLY is not supported")]
    [InlineData("FREQ=DAILY;FREQ=WEEKLY", "FREQ appears more than once")]
    [InlineData("FREQ=DAILY;INTERVAL=0", "INTERVAL: \"0\"")]
    [InlineData("FREQ=DAILY;COUNT=abc", "COUNT: \"abc\"")]
    [InlineData("FREQ=DAILY;COUNT=3;UNTIL=20270101T000000Z", "COUNT and UNTIL cannot both be given")]
    [InlineData("FREQ=DAILY;UNTIL=2027-01-01", "UNTIL: \"2027-01-01\"")]
    [InlineData("FREQ=WEEKLY;BYDAY=XX", "BYDAY: \"XX\"")]
    [InlineData("FREQ=WEEKLY;BYDAY=1MO", "BYDAY: an ordinal")]
    [InlineData("FREQ=MONTHLY;BYDAY=6MO", "BYDAY: the ordinal is out of range")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY: \"32\"")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY: 0 is not allowed")]
    [InlineData("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY is not allowed with FREQ=WEEKLY")]
    [InlineData("FREQ=MONTHLY;BYYEARDAY=100", "BYYEARDAY is not allowed")]
    [InlineData("FREQ=MONTHLY;BYWEEKNO=20", "BYWEEKNO is only allowed with FREQ=YEARLY")]
    [InlineData("FREQ=YEARLY;BYMONTH=13", "BYMONTH: \"13\"")]
    [InlineData("FREQ=DAILY;BYHOUR=24", "BYHOUR: \"24\"")]
    [InlineData("FREQ=DAILY;BYSETPOS=1", "BYSETPOS needs another BYxxx part")]
    [InlineData("FREQ=DAILY;WKST=XY", "WKST: \"XY\"")]
    [InlineData("FREQ=DAILY;SKIP=BACKWARD", "SKIP is not supported in the rule; use policy.invalidDate")]
    [InlineData("FREQ=DAILY;X-FOO=1", "X-FOO is not an RRULE part")]
    [InlineData("FREQ=DAILY;COUNT=10001", "COUNT: \"10001\"")]
    [InlineData("FREQ=DAILY;BYSECOND=0,30", "BYSECOND: at most 1 value (2 given)")]
    [InlineData("FREQ=HOURLY;BYMINUTE=0,1,2;BYSECOND=0,1,2,3,4,5,6,7,8,9", "at least a minute apart, at most 60 an hour")]
    public void A_bad_rule_is_refused_with_an_error_naming_the_part(string text, string expected)
    {
        Assert.False(RecurrenceRuleParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
