using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;

namespace Reminders.Domain.Tests;

/// <summary>A row left dispatching under another activation's claim: attempted only once the claim has run out.</summary>
public sealed class OccurrenceLedgerLeaseTests
{
    private static readonly Instant Due = Time.Utc("2026-03-10T09:00:00Z");
    private static readonly Instant Now = Time.Utc("2026-03-10T09:00:10Z");

    [Theory]
    [InlineData(null, true)] // claimed before leases were kept: resent at once, as before
    [InlineData("2026-03-10T09:00:09Z", true)] // ran out
    [InlineData("2026-03-10T09:00:10Z", true)] // runs out exactly now
    [InlineData("2026-03-10T09:00:11Z", false)] // still held: its attempt may be on the wire
    public void NextToAttempt_DispatchingRow_IsPickedOnlyOnceItsClaimRunsOut(string? claimedUntil, bool picked)
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.Records.Add(Dispatching("user:ada:birthday:2026", claimedUntil));

        Assert.Equal(picked ? "user:ada:birthday:2026" : null, ledger.NextToAttempt(Now)?.Key);
        Assert.Equal(picked ? null : Time.Utc(claimedUntil!), ledger.LeaseEnd(Now));
    }

    [Fact]
    public void NextToAttempt_AnOlderRowUnderAClaim_DoesNotHoldUpAYoungerOneThatIsDue()
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.Records.AddRange([Dispatching("held", "2026-03-10T09:00:15Z"), Records.Of("due", Due + Duration.FromSeconds(5), OccurrenceStatus.Scheduled)]);

        Assert.Equal("due", ledger.NextToAttempt(Now)?.Key);
    }

    [Fact]
    public void NextWake_DispatchingRowUnderAClaim_IsWhenTheClaimRunsOut()
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc("2026-03-11T00:00:00Z"));
        ledger.Records.Add(Dispatching("user:ada:birthday:2026", "2026-03-10T09:00:15Z"));

        Assert.Equal(Time.Utc("2026-03-10T09:00:15Z"), ledger.NextWake([Series.Annual(EventKinds.Birthday, "Europe/London", 3, 10)]));
    }

    [Fact]
    public void Claim_WithALease_HoldsUntilClaimTimePlusTheLease_AndNamesTheClaimer()
    {
        var record = Records.Of("user:ada:birthday:2026", Due, OccurrenceStatus.Scheduled);

        record.Claim(Due, Duration.FromSeconds(15), "S10.0.0.5:11111:1");

        Assert.Equal((OccurrenceStatus.Dispatching, 1, Due + Duration.FromSeconds(15), "S10.0.0.5:11111:1"), (record.Status, record.Attempts, record.ClaimedUntil, record.ClaimedBy));
        Assert.True(record.IsLeasedAt(Due + Duration.FromSeconds(14)));
        Assert.False(record.IsLeasedAt(Due + Duration.FromSeconds(15)));
    }

    [Fact]
    public void Replace_WithTheRowAsItNowIs_KeepsItOnlyWhileOpen()
    {
        var ledger = new OccurrenceLedger("user:ada");
        var stale = Dispatching("user:ada:birthday:2026", "2026-03-10T09:00:15Z");
        ledger.Records.Add(stale);

        ledger.Replace(stale, Records.Of("user:ada:birthday:2026", Due, OccurrenceStatus.Delivered));
        Assert.Empty(ledger.Records);

        ledger.Records.Add(stale);
        var retrying = Records.Of("user:ada:birthday:2026", Due, OccurrenceStatus.Retrying, Now + Duration.FromMinutes(1));
        ledger.Replace(stale, retrying);
        Assert.Same(retrying, Assert.Single(ledger.Records));
    }

    private static OccurrenceRecord Dispatching(string key, string? claimedUntil)
    {
        var record = Records.Of(key, Due, OccurrenceStatus.Dispatching);
        record.Attempts = 1;
        record.ClaimedUntil = claimedUntil is null ? null : Time.Utc(claimedUntil);
        return record;
    }
}
