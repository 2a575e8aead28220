using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>What fell due while the whole cluster was down.</summary>
public sealed class DowntimeTests
{
    private static readonly DateTimeOffset Created = Users.Utc("2026-12-01T00:00:00Z");
    private static readonly DateTimeOffset Due = Users.Utc("2026-12-10T09:00:00Z"); // 09:00+00:00 in London
    private const string Key = "user:ada:birthday:2026";

    [Fact]
    public async Task ClusterDown24Hours_AcrossTheDueTime_DeliversOnceMarkedLate()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        await scenario.AdvanceToAsync(Due - TimeSpan.FromHours(1));
        await scenario.DownForAsync(TimeSpan.FromHours(24));

        await scenario.AdvanceUntilReceivedAsync(1, "the late delivery", TimeSpan.FromSeconds(10));
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Delivered);
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(Key, Assert.Single(scenario.Receiver.Received).IdempotencyKey);
        var occurrence = await scenario.OccurrenceAsync("ada", Key);
        Assert.True(occurrence.Late);
        Assert.Equal(Users.Instant("2026-12-10T09:00:00Z"), occurrence.DueUtc);
    }

    [Fact]
    public async Task SiloStartsAfterTheDueTime_WakesTheEntityAtOnceWithoutWaitingForAReminderTick()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        await scenario.AdvanceToAsync(Due - TimeSpan.FromHours(1));
        // Half a period off the reminder's boundaries, and the clock then stands still: no tick can fire.
        await scenario.DownForAsync(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(30));

        await Eventually.HoldsAsync(() => Task.FromResult(scenario.Receiver.Accepted.Count == 1), "the overdue birthday is sent after the restart");
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Delivered);
        Assert.Equal(0, scenario.Ticks.Started);
        Assert.True((await scenario.OccurrenceAsync("ada", Key)).Late);
    }

    [Fact]
    public async Task TwoSilosStartAfterTheDueTime_WakeEveryOverdueEntityAndDeliverEachOnce()
    {
        await using var scenario = await Scenario.StartAsync(Created, silos: 2);
        var ids = Enumerable.Range(0, 20).Select(i => $"u{i}").ToList();
        foreach (var id in ids)
        {
            await scenario.CreateUserAsync(id, "Europe/London", "1990-12-10");
        }

        await scenario.AdvanceToAsync(Due - TimeSpan.FromHours(1));
        await scenario.DownForAsync(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(30));

        await Eventually.HoldsAsync(() => Task.FromResult(scenario.Receiver.Accepted.Count == ids.Count), "every overdue birthday is sent after the restart");
        await scenario.SettleAsync();
        Assert.Equal(0, scenario.Ticks.Started);
        Assert.Equal(
            ids.Select(id => $"user:{id}:birthday:2026").Order(),
            scenario.Receiver.Received.Select(r => r.IdempotencyKey).Order());
    }

    [Fact]
    public async Task ClusterDownLongerThanTheCatchUpWindow_RecordsSkippedAndSendsNothing()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        await scenario.AdvanceToAsync(Due - TimeSpan.FromHours(1));
        await scenario.DownForAsync(TimeSpan.FromDays(3)); // the default catch-up window is 2 days

        await scenario.AdvanceUntilAsync(
            async () => (await scenario.User("ada").GetOccurrencesAsync())!.Count > 0,
            TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3), "the occurrence to be recorded");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Empty(scenario.Receiver.Received);
        var occurrence = await scenario.OccurrenceAsync("ada", Key);
        Assert.Equal((OccurrenceStatus.Skipped, 0), (occurrence.Status, occurrence.Attempts));
        Assert.StartsWith("expired", occurrence.LastError);
        Assert.Equal("user:ada:birthday:2027", (await scenario.User("ada").GetAsync())!.Upcoming[0].Key);
    }

    [Fact]
    public async Task RetryPending_WhenClusterRestarts_ContinuesUnderTheSameKey()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        var failuresLeft = 1;
        scenario.Receiver.Respond = _ => Task.FromResult(Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        await scenario.AdvanceToAsync(Due);
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Retrying);
        await scenario.DownForAsync(TimeSpan.FromHours(2));

        await scenario.AdvanceUntilAsync(() => scenario.Receiver.Accepted.Count > 0, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3), "the retry");
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Delivered);
        Assert.Equal([Key, Key], scenario.Receiver.Received.Select(r => r.IdempotencyKey));
        Assert.Equal(2, (await scenario.OccurrenceAsync("ada", Key)).Attempts);
    }
}
