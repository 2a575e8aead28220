using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>Permanent failures, Retry-After, dead letters listed from the ledger table, replay and discard, uncertain occurrences.</summary>
public sealed class DeadLetterTests
{
    private static readonly DateTimeOffset Created = Users.Utc("2027-01-01T00:00:00Z");
    private static readonly DateTimeOffset Due = Users.Utc("2027-01-01T08:00:00Z");

    [Fact]
    public async Task A_permanent_4xx_dead_letters_at_once_with_its_status_and_body_and_is_listed()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        scenario.Receiver.Respond = _ => Task.FromResult(400);
        scenario.Receiver.ErrorBody = """{"error":"no such mailbox"}""";
        await CreateAsync(scenario, "bad");

        await scenario.AdvanceToAsync(Due);
        var occurrence = await WaitForAsync(scenario, "bad", OccurrenceStatus.DeadLettered);
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Single(scenario.Receiver.Received);
        Assert.Equal((1, "permanentFailure", 400, """{"error":"no such mailbox"}"""), (occurrence.Attempts, occurrence.Reason, occurrence.LastStatusCode, occurrence.LastResponseBody));
        Assert.Equal(["schedule:bad:20270101T080000|deadLettered|permanentFailure|400"], await IndexAsync(scenario));
    }

    [Fact]
    public async Task Retry_after_on_a_429_is_honoured_before_the_next_attempt()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        scenario.Receiver.Respond = r => Task.FromResult(r.Sequence == 1 ? 429 : 200);
        scenario.Receiver.RetryAfter = TimeSpan.FromSeconds(120); // the test cluster's own backoff is at most 5 s here
        await CreateAsync(scenario, "busy");

        await scenario.AdvanceToAsync(Due);
        await scenario.AdvanceUntilReceivedAsync(1, "the first attempt");
        var first = scenario.Receiver.Received[0].At;
        await scenario.AdvanceToAsync(first + TimeSpan.FromSeconds(115));
        Assert.Single(scenario.Receiver.Received);

        await scenario.AdvanceUntilReceivedAsync(2, "the attempt after Retry-After", TimeSpan.FromSeconds(5));
        Assert.InRange(scenario.Receiver.Received[1].At - first, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(130));
        await WaitForAsync(scenario, "busy", OccurrenceStatus.Delivered);
    }

    [Fact]
    public async Task Retry_resends_a_dead_letter_under_the_same_key_and_discard_closes_it_both_idempotent()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        scenario.Receiver.Respond = _ => Task.FromResult(410);
        await CreateAsync(scenario, "a");
        await CreateAsync(scenario, "b");
        await scenario.AdvanceToAsync(Due);
        await WaitForAsync(scenario, "a", OccurrenceStatus.DeadLettered);
        await WaitForAsync(scenario, "b", OccurrenceStatus.DeadLettered);
        Assert.Equal(2, (await IndexAsync(scenario)).Count);

        scenario.Receiver.Respond = _ => Task.FromResult(200);
        var retried = await Grain(scenario, "a").RetryOccurrenceAsync("schedule:a:20270101T080000");
        var retriedAgain = await Grain(scenario, "a").RetryOccurrenceAsync("schedule:a:20270101T080000");
        await scenario.AdvanceUntilReceivedAsync(3, "the replay");
        var delivered = await WaitForAsync(scenario, "a", OccurrenceStatus.Delivered);

        var discarded = await Grain(scenario, "b").DiscardOccurrenceAsync("schedule:b:20270101T080000");
        var discardedAgain = await Grain(scenario, "b").DiscardOccurrenceAsync("schedule:b:20270101T080000");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(OccurrenceStatus.Scheduled, retried!.Status);
        Assert.Single(retriedAgain!.History!); // the second retry found it open and changed nothing
        Assert.Equal("schedule:a:20270101T080000", scenario.Receiver.Received[2].IdempotencyKey);
        Assert.Equal(3, scenario.Receiver.Received.Count);
        Assert.Equal(2, delivered.Attempts);
        Assert.StartsWith("retried by request", Assert.Single(delivered.History!).What, StringComparison.Ordinal);
        Assert.Equal((OccurrenceStatus.Skipped, "discarded"), (discarded!.Status, discarded.Reason));
        Assert.Single(discardedAgain!.History!);
        Assert.Empty(await IndexAsync(scenario));
    }

    [Fact]
    public async Task An_uncertain_occurrence_is_listed_and_a_retry_resolves_it()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        const string Key = "schedule:once:20270101T080000";
        await CreateAsync(scenario, "once", DeliveryGuarantee.AtMostOnce);
        scenario.LedgerFaults.FailNextWriteOf(Key, OccurrenceStatus.Delivered);

        await scenario.AdvanceToAsync(Due);
        await scenario.AdvanceUntilAsync(
            async () => (await Grain(scenario, "once").GetOccurrencesAsync())!.Single().Status == OccurrenceStatus.Uncertain,
            TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), "the occurrence becomes uncertain");
        await Eventually.HoldsAsync(async () => (await IndexAsync(scenario, "uncertain")).Count == 1, "it is listed as uncertain");

        await Grain(scenario, "once").RetryOccurrenceAsync(Key);
        await scenario.AdvanceUntilReceivedAsync(2, "the requested resend");
        await WaitForAsync(scenario, "once", OccurrenceStatus.Delivered);

        Assert.Equal([Key, Key], scenario.Receiver.Received.Select(r => r.IdempotencyKey));
        Assert.Empty(await IndexAsync(scenario, "uncertain"));
    }

    private static Task<ScheduleWriteResult> CreateAsync(Scenario scenario, string id, DeliveryGuarantee guarantee = DeliveryGuarantee.AtLeastOnce) =>
        Grain(scenario, id).CreateAsync(Schedules.Definition("Europe/London", "2027-01-01T08:00:00", rule: null, guarantee: guarantee));

    private static IScheduleGrain Grain(Scenario scenario, string id) => scenario.Cluster.Client.GetScheduleGrain(id);

    private static async Task<OccurrenceView> WaitForAsync(Scenario scenario, string id, OccurrenceStatus status)
    {
        OccurrenceView? found = null;
        await Eventually.HoldsAsync(async () =>
        {
            found = (await Grain(scenario, id).GetOccurrencesAsync())?.SingleOrDefault();
            return found?.Status == status;
        }, $"{id}'s occurrence is {status}");
        return found!;
    }

    private static async Task<IReadOnlyList<string>> IndexAsync(Scenario scenario, string status = "deadLettered") =>
        await scenario.Database.QueryAsync(
            "SELECT occurrence_key || '|' || status || '|' || coalesce(reason, '') || '|' || coalesce(last_status_code::text, '') FROM reminders_occurrences WHERE service_id = @s AND status = @status ORDER BY occurrence_key",
            ("s", scenario.Cluster.ServiceId), ("status", status));
}
