using Reminders.Grains.Interfaces.Users;

namespace Reminders.Cluster.Tests;

/// <summary>Creates are idempotent under concurrency: the same create sent many times at once is one user.</summary>
public sealed class ConcurrentCreateTests
{
    [Fact]
    public async Task FiftyConcurrentIdenticalCreates_MakeOneUserAndOneDelivery()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2026-12-01T00:00:00Z"), silos: 2);
        var definition = Users.Definition("Europe/London", "1990-12-10");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => scenario.User("ada").CreateAsync(definition)));

        Assert.Equal(1, results.Count(r => r.Outcome == CreateUserOutcome.Created));
        Assert.Equal(49, results.Count(r => r.Outcome == CreateUserOutcome.Replayed));
        Assert.All(results, r => Assert.Equal(1, r.User.Version));
        Assert.Equal(1L, await scenario.Database.ScalarAsync<long>(
            "SELECT count(*) FROM orleansstorage WHERE serviceid = @service", ("service", scenario.Cluster.ServiceId)));

        var due = Users.Utc("2026-12-10T09:00:00Z");
        await scenario.AdvanceToAsync(due);
        await scenario.AdvanceUntilReceivedAsync(1, "the delivery");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Single(scenario.Receiver.Received);
    }

    [Fact]
    public async Task Create_WithTheSameIdAndADifferentBody_ConflictsAndChangesNothing()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2026-12-01T00:00:00Z"));
        await scenario.User("ada").CreateAsync(Users.Definition("Europe/London", "1990-12-10"));

        var conflict = await scenario.User("ada").CreateAsync(Users.Definition("Europe/Paris", "1990-12-10"));

        Assert.Equal(CreateUserOutcome.Conflict, conflict.Outcome);
        Assert.Equal("Europe/London", (await scenario.User("ada").GetAsync())!.Definition.TimeZone);
    }
}
