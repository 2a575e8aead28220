using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Recurrence;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>RDATEs: extra local date-times merged with the rule's instances, in order, once each, under the same policies.</summary>
public sealed class RDateTests
{
    private static ZonedRecurrence With(string start, string? rule, string[] rDates, params string[] exDates) =>
        new(Time.Local(start), rule is null ? null : RecurrenceRuleParser.Parse(rule), rDates.Select(Time.Local), exDates.Select(Time.Local),
            Time.Zone("America/New_York"), RecurrencePolicies.Default);

    [Fact]
    public void From_RDatesBetweenRuleInstances_AreMergedInOrder()
    {
        var recurrence = With("2027-03-01T09:00:00", "FREQ=WEEKLY;BYDAY=MO", ["2027-03-10T15:00:00", "2027-03-01T08:00:00"]);

        Assert.Equal(
            ["2027-03-01T08:00:00", "2027-03-01T09:00:00", "2027-03-08T09:00:00", "2027-03-10T15:00:00", "2027-03-15T09:00:00"],
            recurrence.FromStart().Take(5).Select(i => i.Local.ToString("uuuu-MM-ddTHH:mm:ss", null)));
    }

    [Fact]
    public void From_RDateTheRuleAlsoGives_IsOneInstance()
    {
        var recurrence = With("2027-03-01T09:00:00", "FREQ=WEEKLY;BYDAY=MO", ["2027-03-08T09:00:00"]);

        Assert.Equal(["2027-03-01", "2027-03-08", "2027-03-15"], recurrence.Dates(3));
    }

    [Fact]
    public void From_RDateListedInExDates_IsExcluded()
    {
        var recurrence = With("2027-03-01T09:00:00", "FREQ=WEEKLY;BYDAY=MO", ["2027-03-10T09:00:00"], "2027-03-10T09:00:00");

        Assert.Equal(["2027-03-01", "2027-03-08", "2027-03-15"], recurrence.Dates(3));
    }

    [Fact]
    public void From_RDateInTheSpringForwardGap_ShiftsForwardLikeTheRule()
    {
        // 2027-03-14 02:30 does not exist in New York: read with the offset before the gap (-05:00), so 03:30-04:00.
        var recurrence = With("2027-03-13T09:00:00", null, ["2027-03-14T02:30:00"]);

        var instances = recurrence.FromStart().ToList();

        Assert.Equal([Time.At("2027-03-13T09:00:00-05:00"), Time.At("2027-03-14T03:30:00-04:00")], instances.Select(i => Time.In(i.Due, recurrence.Zone)));
        Assert.Equal(OccurrenceAdjustments.DstGapShifted, instances[1].Adjustments);
    }

    [Fact]
    public void From_RDatesAfterUntil_AreStillInstances()
    {
        // UNTIL bounds the rule (RFC 5545 3.3.10), not the RDATEs.
        var recurrence = With("2027-03-01T09:00:00", "FREQ=DAILY;UNTIL=20270302T090000", ["2027-04-01T09:00:00"]);

        Assert.Equal(["2027-03-01", "2027-03-02", "2027-04-01"], recurrence.Dates(10));
    }

    [Fact]
    public void From_WithoutRule_GivesStartThenTheRDates()
    {
        var recurrence = With("2027-03-01T09:00:00", null, ["2027-03-05T10:00:00", "2027-03-02T10:00:00"]);

        Assert.Equal(["2027-03-01", "2027-03-02", "2027-03-05"], recurrence.Dates(10));
    }

    [Fact]
    public void From_ALaterInstant_StartsAtTheNextRDate()
    {
        var recurrence = With("2027-03-01T09:00:00", "FREQ=MONTHLY", ["2027-03-05T10:00:00", "2027-03-20T10:00:00"]);

        var next = recurrence.From(Time.Utc("2027-03-05T15:00:01Z")).Take(2).Select(i => i.Local);

        Assert.Equal([Time.Local("2027-03-20T10:00:00"), Time.Local("2027-04-01T09:00:00")], next);
    }
}
