using NodaTime;
using Reminders.Grains.Recurrence;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>Every RRULE example of RFC 5545 section 3.8.5.3 that the API can express, with the instances the RFC lists.</summary>
public sealed class Rfc5545ConformanceTests
{
    private static readonly DateTimeZone NewYork = Time.Zone("America/New_York");

    public static TheoryData<RfcExample> Examples() => [.. Rfc5545Examples.All];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Expansion_yields_exactly_the_instances_the_rfc_lists(RfcExample example)
    {
        var recurrence = new ZonedRecurrence(
            example.Start, RecurrenceRuleParser.Parse(example.Rule), example.ExDates, NewYork, RecurrencePolicies.Default);

        var from = example.Start.InZoneLeniently(NewYork).ToInstant();
        var produced = recurrence.From(from)
            .Take(example.IsComplete ? example.Expected.Count + 1 : example.Expected.Count)
            .Select(i => i.Local)
            .ToList();

        Assert.Equal(example.Expected, produced);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_instance_is_due_at_its_local_time_in_new_york(RfcExample example)
    {
        var recurrence = new ZonedRecurrence(
            example.Start, RecurrenceRuleParser.Parse(example.Rule), example.ExDates, NewYork, RecurrencePolicies.Default);

        foreach (var instance in recurrence.From(example.Start.InZoneLeniently(NewYork).ToInstant()).Take(example.Expected.Count))
        {
            Assert.Equal(instance.Local, instance.Due.InZone(NewYork).LocalDateTime);
        }
    }
}
