using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;

namespace Reminders.Domain.Tests;

/// <summary>What the ledger asks the grain to do next: which record to attempt, when to wake, what to close.</summary>
public sealed class OccurrenceLedgerAttemptTests
{
    private static readonly Instant Now = Time.Utc("2026-03-10T12:00:00Z");

    [Theory]
    [InlineData(OccurrenceStatus.Scheduled, null, true)]
    [InlineData(OccurrenceStatus.Dispatching, null, true)] // left dispatching by a crash: outcome unknown, send again
    [InlineData(OccurrenceStatus.Retrying, "2026-03-10T11:59:59Z", true)]
    [InlineData(OccurrenceStatus.Retrying, "2026-03-10T12:00:00Z", true)] // exactly now counts
    [InlineData(OccurrenceStatus.Retrying, "2026-03-10T12:00:01Z", false)]
    [InlineData(OccurrenceStatus.Delivered, null, false)]
    [InlineData(OccurrenceStatus.DeadLettered, null, false)]
    [InlineData(OccurrenceStatus.Skipped, null, false)]
    public void NextToAttempt_RecordInStatus_IsPickedOnlyWhenAttemptable(OccurrenceStatus status, string? nextAttemptAt, bool picked)
    {
        var ledger = new OccurrenceLedger("user:ada");
        var retryAt = nextAttemptAt is null ? (Instant?)null : Time.Utc(nextAttemptAt);
        ledger.Records.Add(Records.Of("user:ada:birthday:2026", Time.Utc("2026-03-10T09:00:00Z"), status, retryAt));

        Assert.Equal(picked ? "user:ada:birthday:2026" : null, ledger.NextToAttempt(Now)?.Key);
    }

    [Fact]
    public void NextToAttempt_SeveralAttemptable_PicksTheOldestDue()
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.Records.AddRange(
        [
            Records.Of("scheduled", Time.Utc("2026-03-10T10:00:00Z"), OccurrenceStatus.Scheduled),
            Records.Of("dispatching", Time.Utc("2026-03-10T09:00:00Z"), OccurrenceStatus.Dispatching),
            Records.Of("retrying-later", Time.Utc("2026-03-10T08:00:00Z"), OccurrenceStatus.Retrying, Time.Utc("2026-03-10T13:00:00Z")),
            Records.Of("delivered", Time.Utc("2026-03-10T07:00:00Z"), OccurrenceStatus.Delivered),
        ]);

        Assert.Equal("dispatching", ledger.NextToAttempt(Now)?.Key);
    }

    [Theory]
    [InlineData(OccurrenceStatus.Delivered, null, "2026-03-10T09:00:00Z")] // closed records never wake
    [InlineData(OccurrenceStatus.DeadLettered, null, "2026-03-10T09:00:00Z")]
    [InlineData(OccurrenceStatus.Skipped, null, "2026-03-10T09:00:00Z")]
    [InlineData(OccurrenceStatus.Scheduled, null, "2026-03-05T09:00:00Z")] // due and unsent: wake at once
    [InlineData(OccurrenceStatus.Dispatching, null, "2026-03-05T09:00:00Z")]
    [InlineData(OccurrenceStatus.Retrying, "2026-03-08T12:00:00Z", "2026-03-08T12:00:00Z")] // retry before the birthday
    [InlineData(OccurrenceStatus.Retrying, "2026-03-11T12:00:00Z", "2026-03-10T09:00:00Z")] // birthday before the retry
    public void NextWake_RecordAndSeries_IsTheEarliestOfSeriesDueAndRetryTimes(OccurrenceStatus status, string? nextAttemptAt, string expected)
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc("2026-03-06T00:00:00Z")); // the 2026 anniversary (Mar 5) is behind the cursor
        var retryAt = nextAttemptAt is null ? (Instant?)null : Time.Utc(nextAttemptAt);
        ledger.Records.Add(Records.Of("user:ada:anniversary:2026", Time.Utc("2026-03-05T09:00:00Z"), status, retryAt));

        var wake = ledger.NextWake(
        [
            Series.Annual(EventKinds.Anniversary, "Europe/London", 3, 5),
            Series.Annual(EventKinds.Birthday, "Europe/London", 3, 10), // 09:00+00:00
        ]);

        Assert.Equal(Time.Utc(expected), wake);
    }

    [Fact]
    public void NextWake_NoSeriesAndNoOpenRecords_IsNull()
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.Records.Add(Records.Of("user:ada:birthday:2026", Time.Utc("2026-03-10T09:00:00Z"), OccurrenceStatus.Delivered));

        Assert.Null(ledger.NextWake([]));
    }

    [Fact]
    public void SkipOpen_MixedRecords_ClosesEveryOpenOneWithTheReason()
    {
        var ledger = new OccurrenceLedger("user:ada");
        var due = Time.Utc("2026-03-10T09:00:00Z");
        ledger.Records.AddRange(
        [
            Records.Of("scheduled", due, OccurrenceStatus.Scheduled),
            Records.Of("dispatching", due, OccurrenceStatus.Dispatching),
            Records.Of("retrying", due, OccurrenceStatus.Retrying, due + Duration.FromMinutes(5)),
            Records.Of("delivered", due, OccurrenceStatus.Delivered),
            Records.Of("dead", due, OccurrenceStatus.DeadLettered),
        ]);

        Assert.Equal(3, ledger.SkipOpen("deleted", "deleted: the user was deleted before delivery", due).Count);

        Assert.All(ledger.Records, r => Assert.True(r.IsClosed));
        Assert.All(ledger.Records.Take(3), r => Assert.Equal(
            (OccurrenceStatus.Skipped, (Instant?)null, "deleted: the user was deleted before delivery"),
            (r.Status, r.NextAttemptAt, r.LastError)));
        Assert.Equal((OccurrenceStatus.Delivered, null), (ledger.Find("delivered")?.Status, ledger.Find("delivered")?.LastError));
        Assert.Equal(OccurrenceStatus.DeadLettered, ledger.Find("dead")?.Status);
        Assert.Null(ledger.NextToAttempt(due + Duration.FromDays(1)));
        Assert.Empty(ledger.SkipOpen("deleted", "again", due));
    }
}
