using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// A silo that starts with another zone database, or another kind local time, than an entity's trigger was
/// computed with: the entity is re-armed on activation to the new instant, under the same key, and sent once.
/// </summary>
public sealed class ZoneDataChangeTests
{
    private static readonly DateTimeOffset Created = Users.Utc("2026-12-01T00:00:00Z");
    private const string Key = "user:ada:birthday:2026";

    [Fact]
    public async Task ZoneOffsetMovesAnHourAcrossARestart_RearmsToTheNewInstantAndDeliversOnceUnderTheSameKey()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");
        Assert.Equal(Users.Instant("2026-12-10T09:00:00Z"), (await NextAsync(scenario)).DueUtc);

        // The new database puts London at +01:00 in December: 09:00 local is now 08:00Z.
        await scenario.StopClusterAsync();
        await scenario.StartAgainAsync(null, ShiftedZoneSource.Provider("Europe/London", Offset.FromHours(1)));
        var upcoming = await NextAsync(scenario); // an activation, as the sweep would make
        Assert.Equal((Key, Users.Instant("2026-12-10T08:00:00Z")), (upcoming.Key, upcoming.DueUtc));

        await scenario.AdvanceToAsync(Users.Utc("2026-12-10T08:00:30Z"));
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Delivered);
        Assert.True(scenario.Clock.GetUtcNow() < Users.Utc("2026-12-10T09:00:00Z"), "delivered before the old instant");
        await scenario.AdvanceToAsync(Users.Utc("2026-12-10T09:05:00Z"));

        Assert.Equal(Key, Assert.Single(scenario.Receiver.Received).IdempotencyKey);
        var occurrence = await scenario.OccurrenceAsync("ada", Key);
        Assert.Equal(Users.Instant("2026-12-10T08:00:00Z"), occurrence.DueUtc);
        Assert.False(occurrence.Late);
    }

    [Fact]
    public async Task KindLocalTimeChangesAcrossARestart_RearmsToTheNewLocalTime()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        await scenario.StopClusterAsync();
        await scenario.StartAgainAsync(new Dictionary<string, string?> { ["Reminders:Events:birthday:LocalTime"] = "07:30" });
        Assert.Equal(Users.Instant("2026-12-10T07:30:00Z"), (await NextAsync(scenario)).DueUtc);

        await scenario.AdvanceToAsync(Users.Utc("2026-12-10T07:30:30Z"));
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Delivered);
        Assert.True(scenario.Clock.GetUtcNow() < Users.Utc("2026-12-10T09:00:00Z"), "delivered before the old instant");
        Assert.Equal(Key, Assert.Single(scenario.Receiver.Received).IdempotencyKey);
    }

    [Fact]
    public async Task NothingChangesAcrossARestart_WritesNoState()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        await scenario.StopClusterAsync();
        await scenario.StartAgainAsync(null);
        var writes = 0;
        scenario.Faults.FailNextWriteWhen(_ =>
        {
            Interlocked.Increment(ref writes);
            return false;
        });
        Assert.Equal(Users.Instant("2026-12-10T09:00:00Z"), (await NextAsync(scenario)).DueUtc);

        Assert.Equal(0, Volatile.Read(ref writes));
    }

    private static async Task<UpcomingOccurrence> NextAsync(Scenario scenario) =>
        Assert.Single((await scenario.User("ada").GetAsync())!.Upcoming);
}
