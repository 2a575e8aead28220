using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>Days a month lacks, under each invalidDate value (RFC 7529 SKIP), across leap and common years.</summary>
public sealed class InvalidDatePolicyTests
{
    public static TheoryData<InvalidDatePolicy, string[]> Feb29Yearly => new()
    {
        { InvalidDatePolicy.Omit, ["2024-02-29", "2028-02-29", "2032-02-29", "2036-02-29"] },
        { InvalidDatePolicy.Backward, ["2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29", "2029-02-28"] },
        { InvalidDatePolicy.Forward, ["2024-02-29", "2025-03-01", "2026-03-01", "2027-03-01", "2028-02-29", "2029-03-01"] },
    };

    public static TheoryData<InvalidDatePolicy, string[]> ThirtyFirstMonthly => new()
    {
        // 2027 is common, 2028 leap: February has 28 then 29 days.
        { InvalidDatePolicy.Omit, ["2027-12-31", "2028-01-31", "2028-03-31", "2028-05-31", "2028-07-31", "2028-08-31"] },
        { InvalidDatePolicy.Backward, ["2027-12-31", "2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30", "2028-05-31"] },
        { InvalidDatePolicy.Forward, ["2027-12-31", "2028-01-31", "2028-03-01", "2028-03-31", "2028-05-01", "2028-05-31"] },
    };

    [Theory]
    [MemberData(nameof(Feb29Yearly))]
    public void Feb_29_yearly_follows_the_policy_in_common_years(InvalidDatePolicy policy, string[] expected) =>
        Assert.Equal(expected, Recurrences.Of("Europe/London", "2024-02-29T09:00:00", "FREQ=YEARLY", invalidDate: policy).Dates(expected.Length));

    [Theory]
    [MemberData(nameof(ThirtyFirstMonthly))]
    public void The_31st_monthly_follows_the_policy_in_shorter_months(InvalidDatePolicy policy, string[] expected) =>
        Assert.Equal(expected, Recurrences.Of("Europe/London", "2027-12-31T09:00:00", "FREQ=MONTHLY", invalidDate: policy).Dates(expected.Length));

    [Theory]
    [InlineData(InvalidDatePolicy.Omit)]
    [InlineData(InvalidDatePolicy.Backward)]
    [InlineData(InvalidDatePolicy.Forward)]
    public void Bymonthday_minus_one_is_always_the_last_day_whatever_the_policy(InvalidDatePolicy policy) =>
        Assert.Equal(
            ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30", "2027-07-31", "2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31", "2028-01-31", "2028-02-29"],
            Recurrences.Of("Europe/London", "2027-01-01T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=-1", invalidDate: policy).Dates(14));

    [Fact]
    public void An_omitted_instance_is_not_counted()
    {
        // Jan 31 + COUNT=3, omit: February and April have no 31st, so the three are Jan, Mar and May.
        Assert.Equal(["2027-01-31", "2027-03-31", "2027-05-31"], Recurrences.Of("Europe/London", "2027-01-31T09:00:00", "FREQ=MONTHLY;COUNT=3").Dates(10));
    }

    [Fact]
    public void A_moved_instance_is_counted_and_labelled()
    {
        var instances = Recurrences.Of("Europe/London", "2027-01-31T09:00:00", "FREQ=MONTHLY;COUNT=3", invalidDate: InvalidDatePolicy.Backward)
            .FromStart().ToList();

        Assert.Equal(["2027-01-31", "2027-02-28", "2027-03-31"], instances.Select(i => i.Local.Date.ToString("uuuu-MM-dd", null)));
        Assert.Equal([OccurrenceAdjustments.None, OccurrenceAdjustments.InvalidDateBackward, OccurrenceAdjustments.None], instances.Select(i => i.Adjustments));
    }

    [Fact]
    public void Two_month_days_moved_onto_one_day_give_one_instance()
    {
        // Feb 30 and Feb 31 both move back to Feb 28: one instance, not two.
        Assert.Equal(
            ["2027-01-30", "2027-01-31", "2027-02-28", "2027-03-30", "2027-03-31"],
            Recurrences.Of("Europe/London", "2027-01-01T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=30,31", invalidDate: InvalidDatePolicy.Backward).Dates(5));
    }

    [Fact]
    public void A_moved_forward_instance_never_duplicates_a_real_one()
    {
        // Feb 31 moves forward to Mar 1, which BYMONTHDAY=1 also gives: sent once.
        Assert.Equal(
            ["2027-02-01", "2027-03-01", "2027-03-31", "2027-04-01", "2027-05-01"],
            Recurrences.Of("Europe/London", "2027-02-01T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=1,31", invalidDate: InvalidDatePolicy.Forward).Dates(5));
    }

    [Fact]
    public void A_rule_on_a_day_that_never_exists_has_no_instance_under_omit()
    {
        Assert.Null(Recurrences.Of("Europe/London", "2027-01-01T09:00:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30").First());
        Assert.Equal(["2027-02-28", "2028-02-29"], Recurrences.Of("Europe/London", "2027-01-01T09:00:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", invalidDate: InvalidDatePolicy.Backward).Dates(2));
    }

    [Fact]
    public void A_start_the_rule_does_not_produce_is_not_an_instance()
    {
        // RFC 5545 leaves an unsynchronised DTSTART undefined; we do not invent an instance the rule does not describe.
        Assert.Equal(["2025-01-06", "2025-01-13", "2025-01-20"], Recurrences.Of("Europe/London", "2025-01-01T09:00:00", "FREQ=WEEKLY;BYDAY=MO;COUNT=3").Dates(5));
    }
}
