using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// A row left dispatching by a previous activation whose claim still holds (a hand-over: its attempt may be on the
/// wire) is waited for, read again, and resent only if its outcome is still unknown; an expired claim is resent at once.
/// </summary>
public sealed class ClaimLeaseTests
{
    private static readonly DateTimeOffset Created = Users.Utc("2026-12-01T00:00:00Z");
    private static readonly DateTimeOffset Due = Users.Utc("2026-12-10T09:00:00Z"); // 09:00+00:00 in London
    private const string Key = "user:ada:birthday:2026";
    private const string PreviousSilo = "S10.0.0.9:11111:1";

    [Fact]
    public async Task DispatchingRowWithAFreshLease_IsNotResentBeforeTheLeaseRunsOut_AndIsResentAfter()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");
        await LeaveDispatchingAsync(scenario, claimedUntil: Due.AddSeconds(15));

        // The tick at the due time starts an activation that finds the claim still held: it sends nothing yet.
        await scenario.AdvanceToAsync(Due);
        await scenario.AdvanceToAsync(Due.AddSeconds(14));
        Assert.Empty(scenario.Receiver.Received);
        Assert.Equal(OccurrenceStatus.Dispatching, (await scenario.OccurrenceAsync("ada", Key)).Status);

        // Once the claim has run out, the outcome is still unknown: resent under the same key, claimed by this silo.
        await scenario.AdvanceToAsync(Due.AddSeconds(16));
        await Eventually.HoldsAsync(() => scenario.Receiver.Received.Count == 1, "the resend after the lease ran out");
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Delivered);
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(Key, Assert.Single(scenario.Receiver.Received).IdempotencyKey);
        Assert.InRange(Assert.Single(scenario.Receiver.Received).At, Due.AddSeconds(15), Due.AddSeconds(16));
        Assert.Equal(2, (await scenario.OccurrenceAsync("ada", Key)).Attempts);
        var claimedBy = await scenario.Database.ScalarAsync<string>(
            "SELECT claimed_by FROM reminders_occurrences WHERE service_id = @service AND occurrence_key = @key",
            ("service", scenario.Cluster.ServiceId), ("key", Key));
        Assert.NotEqual(PreviousSilo, claimedBy);
    }

    [Fact]
    public async Task DispatchingRowWithAFreshLease_WhoseClaimerRecordsTheOutcomeBeforeItRunsOut_IsNeverResent()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");
        await LeaveDispatchingAsync(scenario, claimedUntil: Due.AddSeconds(15));
        await scenario.AdvanceToAsync(Due.AddSeconds(5));

        // The previous activation's attempt answers, and it records the outcome while its claim holds.
        Assert.Equal(1, await scenario.Database.ExecuteAsync(
            """
            UPDATE reminders_occurrences SET status = 'delivered', delivered_utc = '2026-12-10T09:00:06Z',
                closed_utc = '2026-12-10T09:00:06Z', version = 2
            WHERE service_id = @service AND occurrence_key = @key AND version = 1
            """,
            ("service", scenario.Cluster.ServiceId), ("key", Key)));

        await scenario.AdvanceToAsync(Due.AddSeconds(16));
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Empty(scenario.Receiver.Received);
        var occurrence = await scenario.OccurrenceAsync("ada", Key);
        Assert.Equal(OccurrenceStatus.Delivered, occurrence.Status);
        Assert.Equal(1, occurrence.Attempts);
    }

    [Fact]
    public async Task DispatchingRowWithAnExpiredLease_IsResentAtOnce()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");
        await LeaveDispatchingAsync(scenario, claimedUntil: Due.AddSeconds(-1));

        await scenario.AdvanceToAsync(Due);
        await Eventually.HoldsAsync(() => scenario.Receiver.Received.Count == 1, "the resend at the due time");
        await scenario.WaitForStatusAsync("ada", Key, OccurrenceStatus.Delivered);

        Assert.Equal(Due, Assert.Single(scenario.Receiver.Received).At);
        Assert.Equal(2, (await scenario.OccurrenceAsync("ada", Key)).Attempts);
    }

    /// <summary>
    /// This year's birthday as a previous activation on another silo leaves it: claimed at attempt 1 just before the
    /// due time (say, on a silo whose clock runs a little ahead), its lease running until <paramref name="claimedUntil"/>.
    /// The service then starts again, so the activation that wakes at the due time reads the row.
    /// </summary>
    private static async Task LeaveDispatchingAsync(Scenario scenario, DateTimeOffset claimedUntil)
    {
        Assert.Equal(1, await scenario.Database.ExecuteAsync(
            """
            INSERT INTO reminders_occurrences (service_id, occurrence_key, entity, series, nominal, kind, local_time, due_utc,
                deadline_utc, status, attempts, last_attempt_utc, channel, recipient, message, guarantee, version,
                claimed_until, claimed_by)
            VALUES (@service, @key, 'user:ada', 'user:ada:birthday', '2026-01-01', 'birthday', '2026-12-10T09:00:00',
                '2026-12-10T09:00:00Z', '2026-12-12T09:00:00Z', 'dispatching', 1, '2026-12-10T08:59:59Z', 'webhook',
                '{"email": "ada@example.com"}', 'Hey, Ada Lovelace it''s your birthday', 'atLeastOnce', 1,
                @until, @claimedBy)
            """,
            ("service", scenario.Cluster.ServiceId), ("key", Key), ("until", claimedUntil.UtcDateTime), ("claimedBy", PreviousSilo)));
        await scenario.StartAgainAsync();
    }
}
