using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// The ledger table keeps "at most one message per key" however long the history: zone edits after many
/// deliveries, old dead letters, re-created ids, and no grain-state write per delivery.
/// </summary>
public sealed class LedgerTests
{
    private const string EveryFiveMinutes = "FREQ=HOURLY;BYMINUTE=0,5,10,15,20,25,30,35,40,45,50,55";
    private const string EveryTenMinutes = "FREQ=HOURLY;BYMINUTE=0,10,20,30,40,50";

    [Fact]
    public async Task ZoneEditedFromBerlinToLosAngeles_After150DeliveriesEveryFiveMinutes_SendsNoKeyTwice()
    {
        // Berlin is UTC+1 in January: the schedule starts at 2027-01-10T00:00 local = 2027-01-09T23:00Z.
        var (received, afterEdit) = await DeliverThenMoveAsync(
            "Europe/Berlin", "America/Los_Angeles", EveryFiveMinutes, Users.Utc("2027-01-09T23:00:00Z"), TimeSpan.FromMinutes(5), TimeSpan.FromHours(12));

        Assert.Equal(received.Count, received.Distinct().Count());
        // The last Berlin delivery was 12:25 local; Los Angeles reaches 12:30 local nine hours after the edit.
        Assert.Equal("schedule:dense:20270110T123000", afterEdit[0]);
        Assert.Equal(150 + 37, received.Count); // 12:30 .. 15:30 in Los Angeles
    }

    [Fact]
    public async Task ZoneEditedFromKiritimatiToPagoPago_After150DeliveriesEveryTenMinutes_SendsNoKeyTwice()
    {
        // Kiritimati is UTC+14, Pago Pago UTC-11: the same local times come round again 25 hours later.
        var (received, afterEdit) = await DeliverThenMoveAsync(
            "Pacific/Kiritimati", "Pacific/Pago_Pago", EveryTenMinutes, Users.Utc("2027-01-09T10:00:00Z"), TimeSpan.FromMinutes(10), TimeSpan.FromHours(26));

        Assert.Equal(received.Count, received.Distinct().Count());
        Assert.Equal("schedule:dense:20270111T010000", afterEdit[0]); // the last Kiritimati delivery was 00:50 local
        Assert.Equal(150 + 7, received.Count); // 01:00 .. 02:00 in Pago Pago
    }

    [Fact]
    public async Task DeadLetters200DeliveriesOld_CanStillBeRetriedAndDiscarded()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"));
        const string First = "schedule:old:20270101T010000";
        const string Second = "schedule:old:20270101T010500";
        scenario.Receiver.Respond = r => Task.FromResult(r.IdempotencyKey is First or Second ? 410 : 200);
        await Grain(scenario, "old").CreateAsync(Schedules.Definition("Etc/UTC", "2027-01-01T01:00:00", EveryFiveMinutes));

        await scenario.AdvanceToAsync(Users.Utc("2027-01-01T01:00:00Z") + TimeSpan.FromMinutes(5 * 201));
        await scenario.AdvanceUntilAsync(() => scenario.Receiver.Received.Count >= 202, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), "202 attempts");
        await scenario.SettleAsync();
        Assert.Equal([First, Second], await ListedAsync(scenario, "deadLettered"));

        scenario.Receiver.Respond = _ => Task.FromResult(200);
        var retried = await Grain(scenario, "old").RetryOccurrenceAsync(First);
        var discarded = await Grain(scenario, "old").DiscardOccurrenceAsync(Second);
        await scenario.AdvanceUntilAsync(() => scenario.Receiver.Accepted.Any(r => r.IdempotencyKey == First), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), "the retry");
        await scenario.SettleAsync();

        Assert.Equal(OccurrenceStatus.Scheduled, retried?.Status);
        Assert.Equal((OccurrenceStatus.Skipped, "discarded"), (discarded?.Status, discarded?.Reason));
        Assert.Empty(await ListedAsync(scenario, "deadLettered"));
        Assert.Equal(202, scenario.Receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task PlainDeliveries_WriteNoGrainState()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"));
        await Grain(scenario, "hourly").CreateAsync(Schedules.Definition("Etc/UTC", "2027-01-01T01:00:00", "FREQ=HOURLY"));
        var before = await StateAsync(scenario);

        for (var hour = 1; hour <= 5; hour++)
        {
            await scenario.AdvanceToAsync(Users.Utc("2027-01-01T00:00:00Z") + TimeSpan.FromHours(hour));
            await scenario.AdvanceUntilReceivedAsync(hour, $"delivery {hour}");
        }

        await scenario.SettleAsync();
        Assert.Equal(5, (await Grain(scenario, "hourly").GetOccurrencesAsync())!.Count(o => o.Status == OccurrenceStatus.Delivered));
        Assert.Equal(before, await StateAsync(scenario));
    }

    [Fact]
    public async Task UncertainOccurrences_DoNotGrowTheGrainState()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"), settings: new Dictionary<string, string?>
        {
            ["Reminders:Delivery:AttemptTimeout"] = "00:00:00.500",
        });
        scenario.Receiver.Respond = async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1)); // past the attempt timeout: the outcome is unknown
            return 200;
        };
        await Grain(scenario, "amo").CreateAsync(
            Schedules.Definition("Etc/UTC", "2027-01-01T01:00:00", "FREQ=HOURLY", guarantee: DeliveryGuarantee.AtMostOnce));
        var before = await StateAsync(scenario);

        for (var hour = 1; hour <= 4; hour++)
        {
            await scenario.AdvanceToAsync(Users.Utc("2027-01-01T00:00:00Z") + TimeSpan.FromHours(hour));
            await scenario.AdvanceUntilAsync(
                async () => (await Grain(scenario, "amo").GetOccurrencesAsync())!.Count(o => o.Status == OccurrenceStatus.Uncertain) == hour,
                TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), $"occurrence {hour} uncertain");
        }

        await scenario.SettleAsync();
        Assert.Equal(4, (await ListedAsync(scenario, "uncertain")).Count);
        Assert.Equal(before, await StateAsync(scenario));
    }

    [Theory]
    [InlineData("Europe/Berlin", 12)] // the same definition again: 05:00 .. 16:00 Berlin
    [InlineData("America/Los_Angeles", 3)] // moved nine hours west: 01:00 .. 04:00 come round again; only 05:00 .. 07:00 are new
    public async Task RecreatedWithTheSameIdAfterDelete_NeverResendsADeliveredKey(string zone, int newDeliveries)
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-10T00:00:00Z"));
        await Grain(scenario, "again").CreateAsync(Schedules.Definition("Europe/Berlin", "2027-01-10T01:00:00", "FREQ=HOURLY"));
        await scenario.AdvanceToAsync(Users.Utc("2027-01-10T03:30:00Z")); // 01:00, 02:00, 03:00, 04:00 Berlin
        await scenario.AdvanceUntilReceivedAsync(4, "four deliveries");

        Assert.True(await Grain(scenario, "again").DeleteAsync());
        await Grain(scenario, "again").CreateAsync(Schedules.Definition(zone, "2027-01-10T01:00:00", "FREQ=HOURLY"));
        await scenario.AdvanceAsync(TimeSpan.FromHours(12)); // to 15:30Z
        await scenario.AdvanceUntilAsync(() => scenario.Receiver.Received.Count >= 4 + newDeliveries, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), "the new deliveries");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(1));

        var keys = scenario.Receiver.Received.Select(r => r.IdempotencyKey).ToList();
        Assert.Equal(4 + newDeliveries, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task ReadsOfTheEntity_DoNotWaitBehindASendInFlight()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"));
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scenario.Receiver.Respond = _ =>
        {
            arrived.TrySetResult();
            return release.Task;
        };
        await Grain(scenario, "slow").CreateAsync(Schedules.Definition("Etc/UTC", "2027-01-01T01:00:00", rule: null));

        scenario.Clock.Advance(TimeSpan.FromHours(1));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The receiver holds the request until the reads below have answered; had they queued behind the send,
        // they would wait for the attempt timeout (10 s), past these waits.
        var view = await Grain(scenario, "slow").GetAsync().WaitAsync(TimeSpan.FromSeconds(5));
        var occurrences = await Grain(scenario, "slow").GetOccurrencesAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(view);
        Assert.Equal(OccurrenceStatus.Dispatching, Assert.Single(occurrences!).Status);

        release.SetResult(200);
        await Eventually.HoldsAsync(
            async () => (await Grain(scenario, "slow").GetOccurrencesAsync())!.Single().Status == OccurrenceStatus.Delivered, "the delivery is recorded");
    }

    [Fact]
    public async Task FinishedOneShot_ItsReminderIsRemovedByTheNextTick_NotOnTheDeliveryPath()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"));
        await Grain(scenario, "once").CreateAsync(Schedules.Definition("Etc/UTC", "2027-01-01T01:00:00", rule: null));

        await scenario.AdvanceToAsync(Users.Utc("2027-01-01T01:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(1, "the delivery");
        await scenario.SettleAsync();
        var afterDelivery = await RemindersAsync(scenario);

        await scenario.AdvanceAsync(TimeSpan.FromMinutes(1)); // the safety-net tick finds nothing owed
        await Eventually.HoldsAsync(async () => await RemindersAsync(scenario) == 0, "the reminder is removed");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(1, afterDelivery);
        Assert.Single(scenario.Receiver.Received);
        Assert.Equal(0, await RemindersAsync(scenario));
    }

    private static Task<long> RemindersAsync(Scenario scenario) =>
        scenario.Database.ScalarAsync<long>("SELECT count(*) FROM orleansreminderstable WHERE serviceid = @s", ("s", scenario.Cluster.ServiceId));

    /// <summary>
    /// Creates schedule "dense" in <paramref name="from"/> at <paramref name="start"/>, lets 150 occurrences be delivered
    /// (one catch-up wake), moves it to <paramref name="to"/>, then runs <paramref name="thenFor"/> longer.
    /// Returns every key received, and those received after the edit.
    /// </summary>
    private static async Task<(List<string> Received, List<string> AfterEdit)> DeliverThenMoveAsync(
        string from, string to, string rule, DateTimeOffset start, TimeSpan every, TimeSpan thenFor)
    {
        await using var scenario = await Scenario.StartAsync(start - TimeSpan.FromHours(1));
        await Grain(scenario, "dense").CreateAsync(Schedules.Definition(from, "2027-01-10T00:00:00", rule));

        await scenario.AdvanceToAsync(start + every * 149);
        await scenario.AdvanceUntilAsync(() => scenario.Receiver.Received.Count >= 150, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), "150 deliveries");
        await scenario.SettleAsync();
        Assert.Equal(150, scenario.Receiver.Received.Count);

        var edited = await Grain(scenario, "dense").UpdateAsync(Schedules.Definition(to, "2027-01-10T00:00:00", rule), expectedVersion: 1);
        Assert.Equal(ScheduleWriteOutcome.Updated, edited.Outcome);
        for (var elapsed = TimeSpan.Zero; elapsed < thenFor; elapsed += TimeSpan.FromHours(1))
        {
            await scenario.AdvanceAsync(TimeSpan.FromHours(1));
        }

        await scenario.AdvanceAsync(every);
        await scenario.SettleAsync();
        var received = scenario.Receiver.Received.Select(r => r.IdempotencyKey!).ToList();
        return (received, received[150..]);
    }

    private static IScheduleGrain Grain(Scenario scenario, string id) => scenario.Cluster.Client.GetScheduleGrain(id);

    /// <summary>The schedule's stored grain state: its version and payload size.</summary>
    private static async Task<string> StateAsync(Scenario scenario) =>
        Assert.Single(await scenario.Database.QueryAsync(
            "SELECT version || '/' || octet_length(payloadbinary) FROM orleansstorage WHERE serviceid = @s",
            ("s", scenario.Cluster.ServiceId)));

    private static async Task<IReadOnlyList<string>> ListedAsync(Scenario scenario, string status) =>
        await scenario.Database.QueryAsync(
            "SELECT occurrence_key FROM reminders_occurrences WHERE service_id = @s AND status = @status ORDER BY occurrence_key",
            ("s", scenario.Cluster.ServiceId), ("status", status));
}
