using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Cluster.Tests;

/// <summary>
/// A daily schedule paused for three days and resumed: every paused day has its row, so a backfill over them finds
/// each recorded and sends nothing, and reports exactly the rows the occurrence list shows.
/// </summary>
public sealed class PausedBackfillTests
{
    [Fact]
    public async Task PausedLongerThanTheCatchUpWindowWithoutAWake_EveryPausedDayGetsARow_AndBackfillSendsNone()
    {
        // Daily 08:00 in London (winter, +00:00), catch-up window two days.
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"));
        var grain = scenario.Cluster.Client.GetScheduleGrain("pills");
        await grain.CreateAsync(Schedules.Definition("Europe/London", "2027-01-01T08:00:00", "FREQ=DAILY", message: "{firstName}, pills"));
        await scenario.AdvanceToAsync(Users.Utc("2027-01-01T08:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(1, "day 1");
        await grain.PauseAsync();

        // One step over days 2 to 4: a single wake finds day 2 already past the catch-up window.
        await scenario.AdvanceToAsync(Users.Utc("2027-01-04T08:30:00Z"));
        await grain.ResumeAsync();

        var backfill = await grain.BackfillAsync(Schedules.Local("2027-01-02T00:00:00"), Schedules.Local("2027-01-04T23:59:59"), dryRun: false);

        string[] paused = ["schedule:pills:20270102T080000", "schedule:pills:20270103T080000", "schedule:pills:20270104T080000"];
        Assert.Equal(paused.Select(k => (k, BackfillItemStatus.AlreadyRecorded)), backfill.Items.Select(i => (i.Key, i.Status)));
        var rows = (await grain.GetOccurrencesAsync())!.OrderBy(o => o.DueUtc).ToList();
        Assert.Equal(
            [
                ("schedule:pills:20270101T080000", OccurrenceStatus.Delivered, (string?)null),
                (paused[0], OccurrenceStatus.Skipped, "expired"),
                (paused[1], OccurrenceStatus.Skipped, "paused"),
                (paused[2], OccurrenceStatus.Skipped, "paused"),
            ],
            rows.Select(o => (o.Key, o.Status, o.Reason)));

        // The rows are in the table, not only in this activation: a fresh one reads the same.
        await scenario.StopClusterAsync();
        await scenario.StartAgainAsync();
        var again = await scenario.Cluster.Client.GetScheduleGrain("pills")
            .BackfillAsync(Schedules.Local("2027-01-02T00:00:00"), Schedules.Local("2027-01-04T23:59:59"), dryRun: true);
        Assert.All(again.Items, i => Assert.Equal(BackfillItemStatus.AlreadyRecorded, i.Status));
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(["schedule:pills:20270101T080000"], scenario.Receiver.Received.Select(r => r.IdempotencyKey));
    }
}
