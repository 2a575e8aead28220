using System.Diagnostics;
using System.Globalization;
using Reminders.Benchmarks.Systems;
using Reminders.FaultInjection;

namespace Reminders.Benchmarks.Scenarios;

/// <summary>
/// Gives every schedule of a recurring herd its delivered history, by the service itself. The silo runs on a fast
/// clock (time travel, from the real now) until occurrence <c>history</c> is due, and is killed a moment later;
/// on two cores a fast clock outruns the deliveries, so the silo then runs again on a clock at speed 1 that carries on
/// from there, until everything due has been delivered (what the README's "Time travel" section calls carrying on),
/// and is killed again. Then every schedule has delivered the same occurrences and has nothing open.
/// </summary>
public sealed class RecurringHerdSeed(Action<string> log)
{
    private static readonly TimeSpan CatchUpBound = TimeSpan.FromMinutes(20);

    /// <returns>How many occurrences each schedule delivered, the service time at the end, and the real time each part took.</returns>
    public async Task<(int Delivered, DateTimeOffset ServiceStop, TimeSpan Fast, TimeSpan CatchUp)> RunAsync(
        RemindersSystem system, FaultyReceiver receiver, RecurringHerdPlan plan, int history, double speed)
    {
        var name = RecurringHerdScenario.Name;
        system.Clock = new ServiceClock(null, speed);
        var fast = Stopwatch.StartNew();
        await system.StartAsync(null, CancellationToken.None);
        // A sixth of a period after the last occurrence is due: at x3600 that leaves the kill most of a real second.
        var stopAt = plan.Due(history) + RecurringHerdPlan.Period / 6;
        log($"{name}: seed: time travel x{speed.ToString(CultureInfo.InvariantCulture)} until service time {stopAt:u}");
        ServiceClockReading clock;
        while (true)
        {
            clock = await ServiceClockReading.ReadAsync(system.BaseAddress, samples: 3);
            var left = (stopAt - clock.ServiceNow) / speed;
            if (left <= TimeSpan.FromSeconds(2))
            {
                var wait = left - (DateTimeOffset.UtcNow - clock.RealNow);
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                break;
            }

            log($"{name}: seed: service clock {clock.ServiceNow:u}, occurrence {plan.DueBy(clock.ServiceNow)} due, {receiver.Accepted.Count} delivered");
            await Task.Delay(left - TimeSpan.FromSeconds(2) < TimeSpan.FromSeconds(15) ? left - TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(15));
        }

        await system.KillAsync();
        // Once the silo is gone, so no earlier than it got: the catch-up's clock carries on from here and never goes back.
        var stop = clock.ServiceNow + (system.KilledAt!.Value - clock.RealNow) * speed;
        var delivered = plan.DueBy(stop);
        var fastTime = fast.Elapsed;
        log($"{name}: seed: killed at service time {stop:u} after {fastTime.TotalSeconds:0} s, occurrences 1 to {delivered} due, {receiver.Accepted.Count} of {plan.Size * delivered} delivered");

        system.Clock = new ServiceClock(stop, 1);
        var catchUp = Stopwatch.StartNew();
        await system.StartAsync(null, CancellationToken.None);
        var keys = plan.Through(delivered).Select(system.ReceivedKey).ToList();
        var missing = await Receipts.WaitAsync(receiver, keys, DateTimeOffset.UtcNow + CatchUpBound,
            left => log($"{name}: seed: catching up at x1, {left} still to deliver"));
        if (missing > 0)
        {
            throw new TimeoutException($"{name}: the seed's catch-up left {missing} of {keys.Count} undelivered after {CatchUpBound.TotalMinutes} min; try a smaller --recurring-n.");
        }

        clock = await ServiceClockReading.ReadAsync(system.BaseAddress, samples: 1);
        await system.KillAsync();
        stop = clock.ServiceNow + (system.KilledAt!.Value - clock.RealNow);
        log($"{name}: seed: caught up in {catchUp.Elapsed.TotalSeconds:0} s ({receiver.DuplicateAcceptances} duplicates); stopped at service time {stop:u}");
        return (delivered, stop, fastTime, catchUp.Elapsed);
    }
}
