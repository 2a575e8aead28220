using System.Globalization;
using Reminders.Testing;
using Xunit.Abstractions;

namespace Reminders.Cluster.Tests;

/// <summary>
/// Real silo processes whose clocks disagree: the API silo runs 30 s ahead of the real clock, the worker 30 s behind
/// (<c>Reminders__Clock__Offset</c>), with a herd spread across both. Reminders are owned by one silo and ticked on its
/// clock, grains run on another's, so a tick may come a minute early or late by the grain's clock.
/// </summary>
public sealed class ClockSkewTests(ITestOutputHelper output)
{
    private const int UserCount = 600;
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    // On top of the skew: a herd of 600 on two processes sharing a small machine takes a few seconds to send.
    private static readonly TimeSpan HerdAllowance = TimeSpan.FromSeconds(10);

    // The receiver reads the machine's wall clock, the skewed silos a monotonic clock offset from it: allow them to drift this much.
    private static readonly TimeSpan ClockReadingAllowance = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task SilosThirtySecondsAheadAndBehind_DeliverEveryOccurrenceOnce_NoMoreThanTheSkewEarlyOrLate()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);
        await using var herd = await SiloProcessHerd.StartAsync(
            "skew", database.ConnectionString, receiver.Url, TimeSpan.FromSeconds(120), apiSettings: Offset(Skew), workerSettings: Offset(-Skew));
        var keys = await herd.CreateUsersAsync(UserCount);
        Assert.True(TimeProvider.System.GetUtcNow() < herd.Due - Skew, "the users were created before the silo running ahead saw them due");

        await Eventually.HoldsAsync(
            () => receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count() == UserCount,
            $"every user got a message (api log: {herd.Api.OutputTail})", herd.Due - TimeProvider.System.GetUtcNow() + Skew + TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(async () => await herd.DeliveredRowsAsync() == UserCount, "every outcome is recorded", TimeSpan.FromSeconds(30));

        // Once each, with nothing resent: no process died, so no attempt's outcome was ever unknown.
        Assert.Equal(keys.Order(), receiver.Received.Select(r => r.IdempotencyKey!).Order());

        // Neither earlier than the silo running ahead sees the due time, nor later than the one behind (plus the herd's own time).
        var offsets = receiver.Received.Select(r => r.At - herd.Due).Order().ToList();
        Assert.InRange(offsets[0], -Skew - ClockReadingAllowance, TimeSpan.Zero);
        Assert.InRange(offsets[^1], Skew / 2, Skew + HerdAllowance);

        // Both silos delivered part of the herd: each claim names its silo.
        Assert.Equal(2L, await database.ScalarAsync<long>(
            "SELECT count(DISTINCT claimed_by) FROM reminders_occurrences WHERE service_id = @service", ("service", herd.Cluster)));
        output.WriteLine(
            $"{UserCount} users due at {herd.Due:O}; earliest {offsets[0].TotalSeconds:F2} s, latest {offsets[^1].TotalSeconds:F2} s from the due time; " +
            $"{offsets.Count(o => o < TimeSpan.Zero)} delivered early, {offsets.Count(o => o >= TimeSpan.Zero)} on time or late.");
    }

    private static Dictionary<string, string> Offset(TimeSpan offset) =>
        new() { ["Reminders__Clock__Offset"] = offset.ToString("c", CultureInfo.InvariantCulture) };
}
