using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>Schedules through the cluster on the fake clock: recurrences across DST, one-shots, pause and resume, at-most-once.</summary>
public sealed class ScheduleDeliveryTests
{
    [Fact]
    public async Task Weekly_meeting_is_delivered_once_a_week_at_its_local_time_across_a_dst_change()
    {
        // Mondays 09:00 in New York; clocks spring forward on Sunday 2027-03-14.
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-03-01T00:00:00Z"));
        var created = await Grain(scenario, "standup").CreateAsync(Schedules.Definition("America/New_York", "2027-03-01T09:00:00", "FREQ=WEEKLY;BYDAY=MO"));
        Assert.Equal(ScheduleWriteOutcome.Created, created.Outcome);
        Assert.Equal("schedule:standup:20270301T090000", created.Schedule!.Upcoming[0].Key);

        string[] expected = ["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-15T13:00:00Z", "2027-03-22T13:00:00Z"]; // EST, EST, EDT, EDT
        for (var week = 0; week < expected.Length; week++)
        {
            var due = Users.Utc(expected[week]);
            await scenario.AdvanceToAsync(due - TimeSpan.FromSeconds(1));
            Assert.Equal(week, scenario.Receiver.Received.Count);
            await scenario.AdvanceUntilReceivedAsync(week + 1, $"week {week + 1}'s delivery");
            Assert.InRange(scenario.Receiver.Received[week].At, due, due + TimeSpan.FromSeconds(2));
        }

        await scenario.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(
            ["schedule:standup:20270301T090000", "schedule:standup:20270308T090000", "schedule:standup:20270315T090000", "schedule:standup:20270322T090000"],
            scenario.Receiver.Received.Select(r => r.IdempotencyKey));
        Assert.All(scenario.Receiver.Received, r => Assert.Equal(("ada@example.com", "Hi Ada, stand-up in 5"), (r.Email, r.Message)));
        Assert.All(await Grain(scenario, "standup").GetOccurrencesAsync() ?? [], o => Assert.Equal(OccurrenceStatus.Delivered, o.Status));
    }

    [Fact]
    public async Task One_shot_deadline_is_delivered_once_and_then_nothing_is_scheduled()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-03-01T00:00:00Z"));
        await Grain(scenario, "tax").CreateAsync(Schedules.Definition("Europe/Paris", "2027-03-10T17:00:00", rule: null, message: "{firstName}: file the return today"));
        var due = Users.Utc("2027-03-10T16:00:00Z"); // 17:00+01:00

        await scenario.AdvanceToAsync(due - TimeSpan.FromSeconds(1));
        Assert.Empty(scenario.Receiver.Received);
        await scenario.AdvanceUntilReceivedAsync(1, "the deadline");
        await scenario.AdvanceAsync(TimeSpan.FromDays(1));
        await scenario.AdvanceAsync(TimeSpan.FromDays(365));

        var delivery = Assert.Single(scenario.Receiver.Received);
        Assert.Equal(("schedule:tax:20270310T170000", "Ada: file the return today"), (delivery.IdempotencyKey, delivery.Message));
        var schedule = await Grain(scenario, "tax").GetAsync();
        Assert.Empty(schedule!.Upcoming);
    }

    [Fact]
    public async Task Pause_skips_and_records_what_falls_due_and_resume_continues_with_the_next()
    {
        // Daily 08:00 in London (winter, +00:00).
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"));
        var grain = Grain(scenario, "pills");
        await grain.CreateAsync(Schedules.Definition("Europe/London", "2027-01-01T08:00:00", "FREQ=DAILY", message: "{firstName}, pills"));

        await scenario.AdvanceToAsync(Users.Utc("2027-01-01T08:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(1, "day 1");

        var paused = await grain.PauseAsync();
        Assert.True(paused.Schedule!.Paused);
        Assert.True((await grain.PauseAsync()).Schedule!.Paused); // idempotent
        await scenario.AdvanceToAsync(Users.Utc("2027-01-02T08:00:01Z"));
        await scenario.AdvanceToAsync(Users.Utc("2027-01-03T08:00:01Z"));
        await scenario.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Single(scenario.Receiver.Received);

        await grain.ResumeAsync();
        await scenario.AdvanceToAsync(Users.Utc("2027-01-04T07:59:59Z"));
        Assert.Single(scenario.Receiver.Received);
        await scenario.AdvanceUntilReceivedAsync(2, "day 4, after resuming");

        Assert.Equal(["schedule:pills:20270101T080000", "schedule:pills:20270104T080000"], scenario.Receiver.Received.Select(r => r.IdempotencyKey));
        await Eventually.HoldsAsync(async () => (await grain.GetOccurrencesAsync())!.Any(o => o.Status == OccurrenceStatus.Delivered && o.Key.EndsWith("0104T080000", StringComparison.Ordinal)), "day 4 recorded as delivered");
        var occurrences = (await grain.GetOccurrencesAsync())!.OrderBy(o => o.DueUtc).ToList();
        Assert.Equal(
            [
                ("schedule:pills:20270101T080000", OccurrenceStatus.Delivered, (string?)null),
                ("schedule:pills:20270102T080000", OccurrenceStatus.Skipped, "paused"),
                ("schedule:pills:20270103T080000", OccurrenceStatus.Skipped, "paused"),
                ("schedule:pills:20270104T080000", OccurrenceStatus.Delivered, null),
            ],
            occurrences.Select(o => (o.Key, o.Status, o.Reason)));
    }

    [Fact]
    public async Task At_most_once_crash_after_claim_becomes_uncertain_and_is_not_resent()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"));
        const string Key = "schedule:once:20270101T080000";
        await Grain(scenario, "once").CreateAsync(
            Schedules.Definition("Europe/London", "2027-01-01T08:00:00", rule: null, guarantee: DeliveryGuarantee.AtMostOnce));

        // The receiver accepts, then the process "dies" before the outcome reaches the database.
        scenario.LedgerFaults.FailNextWriteOf(Key, OccurrenceStatus.Delivered);

        await scenario.AdvanceToAsync(Users.Utc("2027-01-01T08:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(1, "the first attempt");
        await scenario.AdvanceUntilAsync(
            async () => (await Grain(scenario, "once").GetOccurrencesAsync())!.Single().Status == OccurrenceStatus.Uncertain,
            TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), "the occurrence becomes uncertain");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(1, scenario.LedgerFaults.Injected);
        Assert.Single(scenario.Receiver.Received);
    }

    private static IScheduleGrain Grain(Scenario scenario, string id) => scenario.Cluster.Client.GetScheduleGrain(id);
}
