using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Users;

namespace Reminders.Cluster.Tests;

/// <summary>Edits and deletes re-arm the trigger, and never cause a second delivery of a key.</summary>
public sealed class EditTests
{
    private static readonly DateTimeOffset Created = Users.Utc("2026-12-01T00:00:00Z");
    private static readonly DateTimeOffset MelbourneDue = Users.Utc("2026-12-09T22:00:00Z"); // 2026-12-10 09:00+11:00

    [Fact]
    public async Task Edit_AfterDelivery_DoesNotResendThisYear()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Australia/Melbourne", "1990-12-10");
        await scenario.AdvanceToAsync(MelbourneDue);
        await scenario.AdvanceUntilReceivedAsync(1, "the delivery");
        await scenario.WaitForStatusAsync("ada", "user:ada:birthday:2026", OccurrenceStatus.Delivered);

        // Move the birthday later this year, and to a zone where 09:00 is still to come: this year is done.
        var edited = await scenario.User("ada").UpdateAsync(Users.Definition("America/Los_Angeles", "1990-12-20"), expectedVersion: 1);
        Assert.Equal(UpdateUserOutcome.Updated, edited.Outcome);
        Assert.Equal("user:ada:birthday:2027", Assert.Single(edited.User!.Upcoming).Key);

        await scenario.AdvanceToAsync(Users.Utc("2026-12-20T17:00:00Z")); // 2026-12-20 09:00-08:00
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Single(scenario.Receiver.Received);
    }

    [Fact]
    public async Task TimeZoneChange_BeforeTheDueTime_MovesTheDelivery()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Australia/Melbourne", "1990-12-10");

        await scenario.AdvanceToAsync(Users.Utc("2026-12-05T00:00:00Z"));
        var edited = await scenario.User("ada").UpdateAsync(Users.Definition("Europe/London", "1990-12-10"), expectedVersion: null);
        var londonDue = Users.Utc("2026-12-10T09:00:00Z"); // 09:00+00:00
        Assert.Equal(("user:ada:birthday:2026", Users.Instant("2026-12-10T09:00:00Z")), (edited.User!.Upcoming[0].Key, edited.User.Upcoming[0].DueUtc));

        await scenario.AdvanceToAsync(MelbourneDue + TimeSpan.FromMinutes(5));
        Assert.Empty(scenario.Receiver.Received);

        await scenario.AdvanceToAsync(londonDue);
        await scenario.AdvanceUntilReceivedAsync(1, "the delivery in London");
        Assert.InRange(Assert.Single(scenario.Receiver.Received).At, londonDue, londonDue + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task TimeZoneChange_ToAnEarlierDueTime_RearmsTheReminderEarlier()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "America/Los_Angeles", "1990-12-10"); // due 2026-12-10T17:00Z

        await scenario.User("ada").UpdateAsync(Users.Definition("Australia/Melbourne", "1990-12-10"), expectedVersion: null);

        await scenario.AdvanceToAsync(MelbourneDue);
        await scenario.AdvanceUntilReceivedAsync(1, "the earlier delivery");
        Assert.InRange(Assert.Single(scenario.Receiver.Received).At, MelbourneDue, MelbourneDue + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Delete_BeforeTheDueTime_DeliversNothingAndRemovesTheReminder()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Australia/Melbourne", "1990-12-10");
        Assert.Equal(1L, await CountRemindersAsync(scenario));

        Assert.True(await scenario.User("ada").DeleteAsync());
        Assert.Null(await scenario.User("ada").GetAsync());
        Assert.Equal(0L, await CountRemindersAsync(scenario));

        await scenario.AdvanceToAsync(MelbourneDue + TimeSpan.FromMinutes(10));
        Assert.Empty(scenario.Receiver.Received);
        Assert.False(await scenario.User("ada").DeleteAsync());
    }

    [Fact]
    public async Task Recreate_AfterDeleteInTheSameYear_DoesNotResendADeliveredKey()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Australia/Melbourne", "1990-12-10");
        await scenario.AdvanceToAsync(MelbourneDue);
        await scenario.AdvanceUntilReceivedAsync(1, "the delivery");
        await scenario.WaitForStatusAsync("ada", "user:ada:birthday:2026", OccurrenceStatus.Delivered);

        await scenario.User("ada").DeleteAsync();
        var recreated = await scenario.User("ada").CreateAsync(Users.Definition("America/Los_Angeles", "1990-12-10"));
        Assert.Equal(CreateUserOutcome.Created, recreated.Outcome);
        Assert.Equal("user:ada:birthday:2027", recreated.User.Upcoming[0].Key);

        await scenario.AdvanceToAsync(Users.Utc("2026-12-10T17:00:00Z") + TimeSpan.FromMinutes(5));
        Assert.Single(scenario.Receiver.Received);
    }

    [Fact]
    public async Task Update_WithAStaleVersion_ChangesNothing()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Australia/Melbourne", "1990-12-10");
        await scenario.User("ada").UpdateAsync(Users.Definition("Europe/London", "1990-12-10"), expectedVersion: 1);

        var stale = await scenario.User("ada").UpdateAsync(Users.Definition("Asia/Tokyo", "1990-12-10"), expectedVersion: 1);

        Assert.Equal(UpdateUserOutcome.VersionMismatch, stale.Outcome);
        var user = (await scenario.User("ada").GetAsync())!;
        Assert.Equal(("Europe/London", 2), (user.Definition.TimeZone, user.Version));
    }

    private static Task<long> CountRemindersAsync(Scenario scenario) =>
        scenario.Database.ScalarAsync<long>(
            "SELECT count(*) FROM orleansreminderstable WHERE serviceid = @service", ("service", scenario.Cluster.ServiceId));
}
