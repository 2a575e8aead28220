using Reminders.Testing;
using Xunit.Abstractions;

namespace Reminders.Cluster.Tests;

/// <summary>
/// Real silo processes on real time against a PostgreSQL server of the test's own, which is stopped hard in the
/// middle of a herd and started again: what a database crash or a failover looks like to the service.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    private const int UserCount = 2000;
    private const int DeliveredBeforeTheCrash = 200;

    // The fault's length, not a wait for something to happen: the database is away this long.
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PostgresStoppedHardMidHerd_EveryKeyIsAcceptedOnce_OnlyInFlightOnesResent_AndTheBacklogDrainsWithinAMinute()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);

        // Time for two silos to start and 2,000 users to be created.
        await using var herd = await SiloProcessHerd.StartAsync("pgcrash", server.ConnectionString, receiver.Url, TimeSpan.FromSeconds(150));
        var keys = await herd.CreateUsersAsync(UserCount);

        // Mid-herd, the database goes away hard, and comes back after the outage.
        await Eventually.HoldsAsync(() => receiver.Received.Count >= DeliveredBeforeTheCrash, "the herd is under way", herd.Due - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60));
        await server.StopHardAsync();
        var crashed = TimeProvider.System.GetUtcNow();
        var atTheCrash = receiver.Received.Count;
        await Task.Delay(Outage);
        await server.StartAgainAsync();
        var back = TimeProvider.System.GetUtcNow();
        herd.ForgetConnections();

        await Eventually.HoldsAsync(
            () => receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count() == UserCount,
            $"every user got a message within a minute of the database's return (api log: {herd.Api.OutputTail})", TimeSpan.FromSeconds(60));
        var drained = receiver.Received.Max(r => r.At);
        await Eventually.HoldsAsync(async () => await herd.DeliveredRowsAsync() == UserCount, "every outcome is recorded", TimeSpan.FromSeconds(60));

        // Each key accepted once by a deduplicating receiver; a key is sent again only if its attempt was on the
        // wire when the database went away (its outcome could not be written), and then once. A request that
        // arrived before the database was back was claimed before it went away: no claim is written without it.
        var byKey = receiver.Received.GroupBy(r => r.IdempotencyKey!).ToDictionary(g => g.Key, g => g.OrderBy(r => r.At).ToList());
        Assert.Equal(keys.Order(), byKey.Keys.Order());
        var resent = byKey.Where(k => k.Value.Count > 1).ToList();
        Assert.All(resent, k =>
        {
            Assert.Equal(2, k.Value.Count);
            Assert.True(k.Value[0].At < back, $"{k.Key} was first sent at {k.Value[0].At:O}, after the database was back at {back:O}");
        });
        Assert.False(herd.Api.HasExited, "the API silo kept running");
        Assert.False(herd.Worker.HasExited, "the worker silo kept running");
        output.WriteLine(
            $"{UserCount} users due at {herd.Due:O}; database stopped hard at {crashed:O} after {atTheCrash} requests, back at {back:O}; " +
            $"{resent.Count} keys resent; last request {(drained - back).TotalSeconds:F1} s after the database's return.");
    }
}
