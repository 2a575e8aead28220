using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>Claim, send, record: what happens when each step fails or races.</summary>
public sealed class ExactlyOnceTests
{
    private static readonly DateTimeOffset Created = Users.Utc("2026-12-01T00:00:00Z");
    private static readonly DateTimeOffset Due = Users.Utc("2026-12-10T09:00:00Z"); // 09:00+00:00 in London
    private const string Key = "user:ada:birthday:2026";

    [Fact]
    public async Task CrashAfterClaim_BeforeOutcomeIsRecorded_ResendsWithSameIdempotencyKey()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        // The receiver accepts, then the process "dies" before the delivered outcome reaches the database.
        scenario.LedgerFaults.FailNextWriteOf(Key, OccurrenceStatus.Delivered);

        await scenario.AdvanceToAsync(Due);
        await scenario.AdvanceUntilReceivedAsync(2, "the resend", TimeSpan.FromSeconds(10));
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Delivered);
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(1, scenario.LedgerFaults.Injected);
        Assert.Equal([Key, Key], scenario.Receiver.Received.Select(r => r.IdempotencyKey));
        Assert.Equal(2, (await scenario.OccurrenceAsync("ada", Key)).Attempts);
    }

    [Fact]
    public async Task Record_WhenAnotherActivationRecordedTheKeyFirst_SendsNothing_AndTheNextActivationResendsUnderTheSameKey()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        // Another activation of the same user (say, on a silo that has not yet learnt of a failover) records and
        // claims this year's birthday first, then dies mid-attempt: this activation's insert must lose and send
        // nothing; the row left dispatching is resent (at least once) by the activation that starts over.
        Assert.Equal(1, await scenario.Database.ExecuteAsync(
            """
            INSERT INTO reminders_occurrences (service_id, occurrence_key, entity, series, nominal, kind, local_time, due_utc,
                deadline_utc, status, attempts, last_attempt_utc, channel, recipient, message, guarantee, version)
            VALUES (@service, @key, 'user:ada', 'user:ada:birthday', '2026-01-01', 'birthday', '2026-12-10T09:00:00',
                '2026-12-10T09:00:00Z', '2026-12-12T09:00:00Z', 'dispatching', 1, '2026-12-10T09:00:00Z', 'webhook',
                '{"email": "ada@example.com"}', 'Hey, Ada Lovelace it''s your birthday', 'atLeastOnce', 1)
            """,
            ("service", scenario.Cluster.ServiceId), ("key", Key)));

        await scenario.AdvanceToAsync(Due);
        Assert.Empty(scenario.Receiver.Received);

        // The losing activation stopped; the safety-net tick starts a new one, which reads the row and resends it.
        await scenario.AdvanceUntilReceivedAsync(1, "the resend", TimeSpan.FromSeconds(10));
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Delivered);
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(Key, Assert.Single(scenario.Receiver.Received).IdempotencyKey);
        Assert.Equal(2, (await scenario.OccurrenceAsync("ada", Key)).Attempts);
    }

    [Fact]
    public async Task FailedAttempts_AreRetriedWithBackoff_UnderTheSameKey()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        var failuresLeft = 2;
        scenario.Receiver.Respond = _ => Task.FromResult(Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        await scenario.AdvanceToAsync(Due);
        await scenario.AdvanceUntilAsync(() => scenario.Receiver.Accepted.Count > 0, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), "a successful attempt");
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Delivered);

        var attempts = scenario.Receiver.Received;
        Assert.Equal([500, 500, 200], attempts.Select(a => a.AnsweredWith));
        Assert.All(attempts, a => Assert.Equal(Key, a.IdempotencyKey));
        Assert.True(attempts[1].At > attempts[0].At && attempts[2].At > attempts[1].At, "each retry waits");
        var occurrence = await scenario.OccurrenceAsync("ada", Key);
        Assert.Equal((3, (string?)null), (occurrence.Attempts, occurrence.LastError));
    }

    [Fact]
    public async Task TenFailedAttempts_DeadLetterWithTheLastError()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        scenario.Receiver.Respond = _ => Task.FromResult(503);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        await scenario.AdvanceToAsync(Due);
        await scenario.AdvanceUntilAsync(
            async () => (await scenario.OccurrenceAsync("ada", Key)).Status == OccurrenceStatus.DeadLettered,
            TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15), "dead-lettering");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(10, scenario.Receiver.Received.Count);
        var occurrence = await scenario.OccurrenceAsync("ada", Key);
        Assert.Equal(10, occurrence.Attempts);
        Assert.Contains("503", occurrence.LastError);
    }

    [Fact]
    public async Task ReceiverSlowerThanTheAttemptTimeout_CountsAsFailed_AndIsRetriedUnderTheSameKey()
    {
        await using var scenario = await Scenario.StartAsync(Created, settings: new Dictionary<string, string?>
        {
            ["Reminders:Delivery:AttemptTimeout"] = "00:00:00.500",
        });
        var first = true;
        scenario.Receiver.Respond = async _ =>
        {
            if (Interlocked.Exchange(ref first, false))
            {
                await Task.Delay(TimeSpan.FromSeconds(2)); // far past the 0.5 s attempt timeout
            }

            return 200;
        };
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        await scenario.AdvanceToAsync(Due);
        await scenario.AdvanceUntilAsync(
            async () => (await scenario.OccurrenceAsync("ada", Key)).Status == OccurrenceStatus.Delivered,
            TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), "the retry to be delivered");

        // The slow receiver does accept the first request, after its sender has given up: the resend carries
        // the same key, which is what lets a deduplicating receiver drop it.
        await Eventually.HoldsAsync(() => scenario.Receiver.Received.Count == 2, "the slow answer is recorded too");
        Assert.Equal([Key, Key], scenario.Receiver.Received.Select(r => r.IdempotencyKey));
        Assert.Equal(2, (await scenario.OccurrenceAsync("ada", Key)).Attempts);
    }
}
