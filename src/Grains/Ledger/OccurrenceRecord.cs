using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Ledger;

/// <summary>
/// The durable exactly-once record of one occurrence. What is sent (recipient and message) is fixed when
/// the occurrence falls due, so every attempt under the same key sends the same payload, whatever edits follow.
/// </summary>
[GenerateSerializer, Alias("Reminders.Ledger.OccurrenceRecord")]
public sealed class OccurrenceRecord
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required string Kind { get; init; }
    [Id(2)] public LocalDateTime LocalTime { get; init; }
    [Id(3)] public Instant Due { get; init; }

    /// <summary>After this instant the occurrence is no longer attempted.</summary>
    [Id(4)] public Instant Deadline { get; init; }
    [Id(5)] public required string Recipient { get; init; }
    [Id(6)] public required string Message { get; init; }
    [Id(7)] public bool Late { get; init; }
    [Id(8)] public OccurrenceStatus Status { get; set; }
    [Id(9)] public int Attempts { get; set; }
    [Id(10)] public Instant? LastAttemptAt { get; set; }
    [Id(11)] public Instant? NextAttemptAt { get; set; }
    [Id(12)] public Instant? DeliveredAt { get; set; }
    [Id(13)] public string? LastError { get; set; }

    /// <summary>True when nothing more will happen to this occurrence by itself.</summary>
    public bool IsClosed => Status is OccurrenceStatus.Delivered or OccurrenceStatus.DeadLettered or OccurrenceStatus.Skipped;

    /// <summary>Claims the occurrence for one more attempt (persisted before anything is sent).</summary>
    public void Claim(Instant now)
    {
        Status = OccurrenceStatus.Dispatching;
        Attempts++;
        LastAttemptAt = now;
        NextAttemptAt = null;
    }

    public void MarkDelivered(Instant now)
    {
        Status = OccurrenceStatus.Delivered;
        DeliveredAt = now;
        NextAttemptAt = null;
        LastError = null;
    }

    /// <summary>Records a failed attempt: retried at <paramref name="retryAt"/>, or dead-lettered when there is none.</summary>
    public void MarkFailed(string? error, Instant? retryAt)
    {
        Status = retryAt is null ? OccurrenceStatus.DeadLettered : OccurrenceStatus.Retrying;
        NextAttemptAt = retryAt;
        LastError = error;
    }

    /// <summary>
    /// Closes the occurrence when it may not be attempted again: past its deadline (skipped if never
    /// attempted, dead-lettered otherwise) or out of attempts. Returns true when it closed it.
    /// </summary>
    public bool CloseIfOutOfChances(Instant now, int maxAttempts)
    {
        if (now > Deadline)
        {
            Status = Attempts == 0 ? OccurrenceStatus.Skipped : OccurrenceStatus.DeadLettered;
            LastError = Attempts == 0
                ? "expired: the catch-up window closed before the first attempt"
                : $"the catch-up window closed after {Attempts} attempts; last error: {LastError}";
        }
        else if (Attempts >= maxAttempts)
        {
            Status = OccurrenceStatus.DeadLettered;
            LastError = $"no attempts left after {Attempts}; last error: {LastError}";
        }
        else
        {
            return false;
        }

        NextAttemptAt = null;
        return true;
    }

    public OccurrenceView ToView() =>
        new(Key, Kind, LocalTime, Due, Status, Attempts, DeliveredAt, Late, LastError);
}
