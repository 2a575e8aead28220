using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Cluster.Tests;

/// <summary>RDATEs through the cluster on the fake clock: delivered in order with the rule's, each under its nominal key, once.</summary>
public sealed class ScheduleRDateDeliveryTests
{
    [Fact]
    public async Task RDates_AreDeliveredBetweenTheRulesOccurrences_EachKeyOnce()
    {
        // Mondays 09:00 in London (winter, +00:00), plus a Wednesday, plus a Monday the rule gives anyway.
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-03-01T00:00:00Z"));
        var grain = scenario.Cluster.Client.GetScheduleGrain("standup");
        var definition = Schedules.Definition("Europe/London", "2027-03-01T09:00:00", "FREQ=WEEKLY;BYDAY=MO") with
        {
            RDates = [Schedules.Local("2027-03-03T14:30:00"), Schedules.Local("2027-03-08T09:00:00")],
        };

        var created = await grain.CreateAsync(definition);

        Assert.Equal(
            ["schedule:standup:20270301T090000", "schedule:standup:20270303T143000", "schedule:standup:20270308T090000"],
            created.Schedule!.Upcoming.Take(3).Select(o => o.Key));
        string[] expected = ["2027-03-01T09:00:00Z", "2027-03-03T14:30:00Z", "2027-03-08T09:00:00Z"];
        for (var i = 0; i < expected.Length; i++)
        {
            var due = Users.Utc(expected[i]);
            await scenario.AdvanceToAsync(due - TimeSpan.FromSeconds(1));
            Assert.Equal(i, scenario.Receiver.Received.Count);
            await scenario.AdvanceUntilReceivedAsync(i + 1, $"the delivery due {expected[i]}");
            Assert.InRange(scenario.Receiver.Received[i].At, due, due + TimeSpan.FromSeconds(2));
        }

        await scenario.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(
            ["schedule:standup:20270301T090000", "schedule:standup:20270303T143000", "schedule:standup:20270308T090000"],
            scenario.Receiver.Received.Select(r => r.IdempotencyKey));
    }
}
