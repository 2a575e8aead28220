using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;

namespace Reminders.Domain.Tests;

/// <summary>The lifecycle of one occurrence: claim, delivered or failed, and closing when out of chances.</summary>
public sealed class OccurrenceRecordTests
{
    private static readonly Instant Due = Instant.FromUtc(2026, 12, 10, 9, 0);

    [Fact]
    public void Claim_CountsTheAttemptAndClearsAnyPlannedRetry()
    {
        var record = Records.Of("k", Due, OccurrenceStatus.Retrying, nextAttemptAt: Due + Duration.FromMinutes(1));

        record.Claim(Due + Duration.FromMinutes(1));

        Assert.Equal((OccurrenceStatus.Dispatching, 1, (Instant?)null, (Instant?)(Due + Duration.FromMinutes(1))),
            (record.Status, record.Attempts, record.NextAttemptAt, record.LastAttemptAt));
    }

    [Fact]
    public void LogAttempt_RemembersEachAttemptsNumberStartAndAnswer()
    {
        var record = Records.Of("k", Due, OccurrenceStatus.Scheduled);

        record.Claim(Due);
        record.LogAttempt("failed", 503, "receiver answered 503");
        record.Claim(Due + Duration.FromSeconds(10));
        record.LogAttempt("delivered", 200, null);

        Assert.Equal(
            [new OccurrenceAttempt(1, Due, "failed", 503, "receiver answered 503"), new OccurrenceAttempt(2, Due + Duration.FromSeconds(10), "delivered", 200, null)],
            record.AttemptLog);
        Assert.Equal(2, record.ToView().AttemptLog!.Count);
    }

    [Fact]
    public void LogAttempt_KeepsOnlyTheMostRecentAttempts_SoARowCannotGrowWithoutBound()
    {
        var record = Records.Of("k", Due, OccurrenceStatus.Scheduled);

        for (var i = 0; i < OccurrenceRecord.AttemptLogLimit + 5; i++)
        {
            record.Claim(Due + Duration.FromMinutes(i));
            record.LogAttempt("failed", 500, "receiver answered 500");
        }

        Assert.Equal(OccurrenceRecord.AttemptLogLimit, record.AttemptLog.Count);
        Assert.Equal(Enumerable.Range(6, OccurrenceRecord.AttemptLogLimit), record.AttemptLog.Select(a => a.Number));
    }

    [Fact]
    public void MarkDelivered_ClearsTheLastError()
    {
        var record = Records.Of("k", Due, OccurrenceStatus.Dispatching);
        record.LastError = "receiver answered 500";

        record.MarkDelivered(Due + Duration.FromSeconds(3));

        Assert.Equal((OccurrenceStatus.Delivered, (Instant?)(Due + Duration.FromSeconds(3)), (string?)null),
            (record.Status, record.DeliveredAt, record.LastError));
    }

    [Fact]
    public void MarkFailed_WithARetryTime_IsRetrying_AndWithoutOne_IsDeadLettered()
    {
        var retrying = Records.Of("a", Due, OccurrenceStatus.Dispatching);
        var dead = Records.Of("b", Due, OccurrenceStatus.Dispatching);

        retrying.MarkFailed("receiver answered 503", Due + Duration.FromSeconds(7));
        dead.MarkFailed("receiver answered 503", null);

        Assert.Equal((OccurrenceStatus.Retrying, (Instant?)(Due + Duration.FromSeconds(7))), (retrying.Status, retrying.NextAttemptAt));
        Assert.Equal((OccurrenceStatus.DeadLettered, "receiver answered 503"), (dead.Status, dead.LastError));
    }

    [Fact]
    public void CloseIfOutOfChances_PastTheDeadlineNeverAttempted_IsSkippedAsExpired()
    {
        var record = Records.Of("k", Due, OccurrenceStatus.Scheduled);

        Assert.True(record.CloseIfOutOfChances(record.Deadline + Duration.Epsilon, maxAttempts: 10));
        Assert.Equal(OccurrenceStatus.Skipped, record.Status);
        Assert.StartsWith("expired", record.LastError);
    }

    [Fact]
    public void CloseIfOutOfChances_PastTheDeadlineAfterAttempts_IsDeadLetteredWithTheLastError()
    {
        var record = Records.Of("k", Due, OccurrenceStatus.Retrying);
        record.Attempts = 3;
        record.LastError = "receiver answered 500";

        Assert.True(record.CloseIfOutOfChances(record.Deadline + Duration.Epsilon, maxAttempts: 10));
        Assert.Equal(OccurrenceStatus.DeadLettered, record.Status);
        Assert.Contains("receiver answered 500", record.LastError);
    }

    [Fact]
    public void CloseIfOutOfChances_OutOfAttempts_IsDeadLettered_AtTheDeadline_IsNot()
    {
        var exhausted = Records.Of("a", Due, OccurrenceStatus.Dispatching);
        exhausted.Attempts = 10;
        var onTime = Records.Of("b", Due, OccurrenceStatus.Retrying);
        onTime.Attempts = 9;

        Assert.True(exhausted.CloseIfOutOfChances(Due, maxAttempts: 10));
        Assert.Equal(OccurrenceStatus.DeadLettered, exhausted.Status);
        Assert.False(onTime.CloseIfOutOfChances(onTime.Deadline, maxAttempts: 10));
        Assert.Equal(OccurrenceStatus.Retrying, onTime.Status);
    }
}
