using System.Diagnostics;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>The circuit breaker per target host, the silo's in-flight limit and the per-target rate limit.</summary>
public sealed class ResilienceTests
{
    private static readonly DateTimeOffset Created = Users.Utc("2027-01-01T00:00:00Z");
    private static readonly DateTimeOffset Due = Users.Utc("2027-01-01T08:00:00Z");

    [Fact]
    public async Task A_dead_receiver_opens_the_circuit_attempts_are_deferred_not_burned_and_all_are_delivered_when_it_recovers()
    {
        await using var scenario = await Scenario.StartAsync(Created, settings: new Dictionary<string, string?>
        {
            // One at a time, so exactly the failures the breaker needs reach the receiver before it opens.
            ["Reminders:Delivery:MaxInFlight"] = "1",
            ["Reminders:Delivery:CircuitMinimumThroughput"] = "4",
            ["Reminders:Delivery:CircuitFailureRatio"] = "0.5",
            ["Reminders:Delivery:CircuitSamplingDuration"] = "00:01:00",
            ["Reminders:Delivery:CircuitBreakDuration"] = "00:00:02",
        });
        var alive = false;
        scenario.Receiver.Respond = _ => Task.FromResult(Volatile.Read(ref alive) ? 200 : 503);
        var ids = Enumerable.Range(1, 12).Select(i => $"s{i}").ToList();
        foreach (var id in ids)
        {
            await Grain(scenario, id).CreateAsync(Schedules.Definition("Europe/London", "2027-01-01T08:00:00", rule: null));
        }

        await scenario.AdvanceToAsync(Due);
        await Eventually.HoldsAsync(async () => await scenario.ScheduleOccurrencesAsync(ids) is { Count: 12 } all && all.All(o => o.Status == OccurrenceStatus.Retrying), "every occurrence failed or was deferred");
        var whileDown = scenario.Receiver.Received.Count;
        var deferred = (await scenario.ScheduleOccurrencesAsync(ids)).Count(o => o.Attempts == 0 && o.LastError!.StartsWith("deferred", StringComparison.Ordinal));

        Volatile.Write(ref alive, true);
        await scenario.AdvanceUntilAsync(
            async () => await scenario.ScheduleOccurrencesAsync(ids) is { Count: 12 } all && all.All(o => o.Status == OccurrenceStatus.Delivered),
            TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), "every occurrence delivered after the receiver recovered");

        Assert.Equal(4, whileDown);
        Assert.Equal(8, deferred);
        Assert.All(await scenario.ScheduleOccurrencesAsync(ids), o => Assert.InRange(o.Attempts, 1, 2)); // deferrals burned none
        Assert.Equal(12, scenario.Receiver.Accepted.Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.Equal(12, scenario.Receiver.Accepted.Count);
    }

    [Fact]
    public async Task The_in_flight_limit_holds_back_a_burst_without_dropping_any()
    {
        await using var scenario = await Scenario.StartAsync(Created, settings: new Dictionary<string, string?>
        {
            ["Reminders:Delivery:MaxInFlight"] = "2",
        });
        var inFlight = 0;
        var peak = 0;
        scenario.Receiver.Respond = async _ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(100);
            Interlocked.Decrement(ref inFlight);
            return 200;
        };
        var ids = Enumerable.Range(1, 10).Select(i => $"b{i}").ToList();
        foreach (var id in ids)
        {
            await Grain(scenario, id).CreateAsync(Schedules.Definition("Europe/London", "2027-01-01T08:00:00", rule: null));
        }

        await scenario.AdvanceToAsync(Due);
        await scenario.AdvanceUntilReceivedAsync(10, "all ten");

        Assert.InRange(Volatile.Read(ref peak), 1, 2);
        Assert.Equal(10, scenario.Receiver.Accepted.Select(r => r.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task The_per_target_rate_limit_spreads_a_burst_over_time_without_dropping_any()
    {
        await using var scenario = await Scenario.StartAsync(Created, settings: new Dictionary<string, string?>
        {
            ["Reminders:Delivery:TargetRatePerSecond"] = "4",
        });
        var arrivals = new System.Collections.Concurrent.ConcurrentQueue<long>();
        scenario.Receiver.Respond = _ =>
        {
            arrivals.Enqueue(Stopwatch.GetTimestamp());
            return Task.FromResult(200);
        };
        var ids = Enumerable.Range(1, 12).Select(i => $"r{i}").ToList();
        foreach (var id in ids)
        {
            await Grain(scenario, id).CreateAsync(Schedules.Definition("Europe/London", "2027-01-01T08:00:00", rule: null));
        }

        await scenario.AdvanceToAsync(Due);
        await scenario.AdvanceUntilReceivedAsync(12, "all twelve");

        // 4 at once (the bucket), then 4 a second: the last arrives about two seconds after the first.
        var times = arrivals.Order().ToList();
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[^1]) >= TimeSpan.FromSeconds(1.5), $"spread {Stopwatch.GetElapsedTime(times[0], times[^1])}");
        Assert.Equal(12, scenario.Receiver.Accepted.Select(r => r.IdempotencyKey).Distinct().Count());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    private static IScheduleGrain Grain(Scenario scenario, string id) => scenario.Cluster.Client.GetScheduleGrain(id);
}
