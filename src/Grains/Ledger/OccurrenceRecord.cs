using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Scheduling;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Grains.Ledger;

/// <summary>
/// The exactly-once record of one occurrence: the in-memory image of its row in the ledger table. What is sent
/// (recipient and message) is fixed when the occurrence falls due, so every attempt under the same key sends the
/// same payload, whatever edits follow. Serializable only because ledgers written before the table (kept in grain
/// state) hold these; see <see cref="LegacyLedger"/>.
/// </summary>
[GenerateSerializer, Alias("Reminders.Ledger.OccurrenceRecord")]
public sealed class OccurrenceRecord
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required string Kind { get; init; }
    [Id(2)] public LocalDateTime LocalTime { get; init; }
    [Id(3)] public Instant Due { get; init; }

    /// <summary>After this instant the occurrence is no longer attempted.</summary>
    [Id(4)] public Instant Deadline { get; set; }
    [Id(6)] public required string Message { get; init; }
    [Id(7)] public bool Late { get; init; }
    [Id(8)] public OccurrenceStatus Status { get; set; }
    [Id(9)] public int Attempts { get; set; }
    [Id(10)] public Instant? LastAttemptAt { get; set; }
    [Id(11)] public Instant? NextAttemptAt { get; set; }
    [Id(12)] public Instant? DeliveredAt { get; set; }
    [Id(13)] public string? LastError { get; set; }
    [Id(14)] public required Dictionary<string, string> Recipient { get; init; }
    [Id(15)] public required string Channel { get; init; }

    /// <summary>The channel's target (for webhooks, the URL), or null for the channel's default.</summary>
    [Id(16)] public Uri? Target { get; init; }

    /// <summary>The zone database version that computed <see cref="Due"/>.</summary>
    [Id(17)] public string? TzdbVersion { get; init; }
    [Id(18)] public OccurrenceAdjustments Adjustments { get; init; }
    [Id(19)] public DeliveryGuarantee Guarantee { get; init; }

    /// <summary>Why a closed occurrence was not delivered, as a short code (see <see cref="OccurrenceReasons"/>).</summary>
    [Id(20)] public string? Reason { get; set; }

    /// <summary>The HTTP status of the last answer, when there was one.</summary>
    [Id(21)] public int? LastStatusCode { get; set; }

    /// <summary>The first 1 KiB of the last failed answer's body.</summary>
    [Id(22)] public string? LastResponseBody { get; set; }

    /// <summary>Attempts made before the last manual retry; the attempt limit counts from here.</summary>
    [Id(23)] public int AttemptBudgetStart { get; set; }

    /// <summary>Manual retries and discards, oldest first.</summary>
    [Id(24)] public List<OccurrenceEvent> History { get; set; } = [];

    // Id 25 was IndexPending, the repair flag of the dead-letter index that the ledger table replaced: never reuse it.

    /// <summary>Attempts allowed (from the event kind); 0 means the service default.</summary>
    [Id(26)] public int MaxAttempts { get; init; }

    /// <summary>The owning entity's part of the key, such as <c>user:ada</c>.</summary>
    [Id(27)] public string Entity { get; set; } = "";

    /// <summary>The series it belongs to; the newest row of each series is its high-water mark.</summary>
    [Id(28)] public string Series { get; set; } = "";

    /// <summary>The nominal period its key names, compared against the series' high-water mark.</summary>
    [Id(29)] public LocalDateTime Nominal { get; set; }

    /// <summary>The row's version: every update is fenced on it. 0 while the row is not yet written.</summary>
    [Id(30)] public int Version { get; set; }

    /// <summary>When it was delivered, dead-lettered, skipped or became uncertain.</summary>
    [Id(31)] public Instant? ClosedAt { get; set; }

    /// <summary>True when <see cref="Target"/> is a client's (guarded when sent), false when the operator's; null when recorded before this was kept.</summary>
    [Id(32)] public bool? TargetFromClient { get; init; }

    /// <summary>When it is to be sent, when its schedule spreads a herd (after <see cref="Due"/>); null when at <see cref="Due"/>.</summary>
    [Id(33)] public Instant? Planned { get; init; }

    /// <summary>The most recent attempts, oldest first, at most <see cref="AttemptLogLimit"/>.</summary>
    [Id(34)] public List<OccurrenceAttempt> AttemptLog { get; set; } = [];

    /// <summary>
    /// Until when the last claim holds: while it is <see cref="OccurrenceStatus.Dispatching"/> and this lies ahead,
    /// the claimer's attempt may still be on the wire. Null for claims made before leases were kept.
    /// </summary>
    [Id(35)] public Instant? ClaimedUntil { get; set; }

    /// <summary>Who made the last claim (the silo of the activation), for operators and log lines.</summary>
    [Id(36)] public string? ClaimedBy { get; set; }

    /// <summary>The instant the first attempt waits for: <see cref="Planned"/> or, without a spread, <see cref="Due"/>. Lateness counts from here.</summary>
    public Instant DeliverAt => Planned ?? Due;

    /// <summary>When it closed; for a record closed before close times were kept, its last attempt (or due time).</summary>
    public Instant ClosedOrLastAttempt => ClosedAt ?? LastAttemptAt ?? Due;

    /// <summary>True once the row exists in the ledger table.</summary>
    public bool IsStored => Version > 0;

    /// <summary>True when an operator must act on it (dead-lettered or uncertain): it is listed and kept until then.</summary>
    public bool IsListed => Status is OccurrenceStatus.DeadLettered or OccurrenceStatus.Uncertain;

    /// <summary>True when it is finished: delivered, dead-lettered or skipped.</summary>
    public bool IsClosed => Status is OccurrenceStatus.Delivered or OccurrenceStatus.DeadLettered or OccurrenceStatus.Skipped;

    /// <summary>True when the service will still attempt it by itself.</summary>
    public bool IsOpen => Status is OccurrenceStatus.Scheduled or OccurrenceStatus.Dispatching or OccurrenceStatus.Retrying;

    /// <summary>Undoes a claim whose attempt was never made (the target's circuit was open): tried again at <paramref name="at"/>, uncounted.</summary>
    public void Defer(string why, Instant at)
    {
        Status = OccurrenceStatus.Retrying;
        Attempts--;
        NextAttemptAt = Instant.Min(at, Deadline);
        LastError = $"deferred: {why}";
    }

    /// <summary>At most once: an attempt whose outcome is unknown is not repeated.</summary>
    public void MarkUncertain(string error)
    {
        Status = OccurrenceStatus.Uncertain;
        NextAttemptAt = null;
        LastError = error;
        ClosedAt = LastAttemptAt ?? Due;
    }

    /// <summary>
    /// A manual retry of a dead-lettered or uncertain occurrence: open again under the same key, with a fresh
    /// attempt budget and deadline. Returns false (and changes nothing) for any other status, so it is idempotent.
    /// </summary>
    public bool Retry(Instant now, Instant deadline)
    {
        if (!IsListed)
        {
            return false;
        }

        History.Add(new OccurrenceEvent(now, $"retried by request (was {Status}, {Attempts} attempts)"));
        Status = OccurrenceStatus.Scheduled;
        Reason = null;
        NextAttemptAt = null;
        AttemptBudgetStart = Attempts;
        Deadline = deadline;
        ClosedAt = null;
        return true;
    }

    /// <summary>Closes an occurrence that is neither delivered nor skipped as skipped (reason <c>discarded</c>); idempotent.</summary>
    public bool Discard(Instant now)
    {
        if (Status is OccurrenceStatus.Delivered or OccurrenceStatus.Skipped)
        {
            return false;
        }

        History.Add(new OccurrenceEvent(now, $"discarded by request (was {Status})"));
        Status = OccurrenceStatus.Skipped;
        Reason = OccurrenceReasons.Discarded;
        NextAttemptAt = null;
        ClosedAt = now;
        return true;
    }

    /// <summary>
    /// Claims the occurrence for one more attempt (persisted before anything is sent), held by
    /// <paramref name="claimedBy"/> for <paramref name="lease"/>: no other activation resends it before then.
    /// Without a lease, an activation that finds it dispatching resends it at once.
    /// </summary>
    public void Claim(Instant now, Duration lease = default, string? claimedBy = null)
    {
        Status = OccurrenceStatus.Dispatching;
        Attempts++;
        LastAttemptAt = now;
        NextAttemptAt = null;
        ClaimedUntil = lease > Duration.Zero ? now + lease : null;
        ClaimedBy = claimedBy;
    }

    /// <summary>True while it is dispatching under a claim that holds past <paramref name="now"/>: its outcome may still come.</summary>
    public bool IsLeasedAt(Instant now) => Status == OccurrenceStatus.Dispatching && ClaimedUntil > now;

    /// <summary>
    /// A new occurrence of <paramref name="series"/>, scheduled, carrying what the series' delivery says now
    /// (recipient, message, channel, target, guarantee, attempts) and the zone data that placed it.
    /// </summary>
    public static OccurrenceRecord Scheduled(
        string entity,
        IOccurrenceSeries series,
        string key,
        LocalDateTime nominal,
        string kind,
        LocalDateTime localTime,
        Instant due,
        Instant deadline,
        OccurrenceAdjustments adjustments = OccurrenceAdjustments.None,
        Instant? planned = null,
        bool late = false) => new()
    {
        Key = key,
        Entity = entity,
        Series = series.Id,
        Nominal = nominal,
        Kind = kind,
        LocalTime = localTime,
        Due = due,
        Planned = planned,
        Deadline = deadline,
        Recipient = new Dictionary<string, string>(series.Delivery.Recipient),
        Message = series.Delivery.Message,
        Channel = series.Delivery.Channel,
        Target = series.Delivery.Target,
        TargetFromClient = series.Delivery.TargetFromClient,
        Guarantee = series.Delivery.Guarantee,
        MaxAttempts = series.Delivery.MaxAttempts,
        TzdbVersion = series.TzdbVersion,
        Adjustments = adjustments,
        Late = late,
        Status = OccurrenceStatus.Scheduled,
    };

    /// <summary>How many attempts a row remembers: a retried dead letter's attempts keep counting, its row must not grow without bound.</summary>
    public const int AttemptLogLimit = 20;

    /// <summary>Remembers the attempt just made (the one <see cref="Claim"/> started) and what came of it.</summary>
    public void LogAttempt(string outcome, int? statusCode, string? error)
    {
        AttemptLog.Add(new OccurrenceAttempt(Attempts, LastAttemptAt ?? Due, outcome, statusCode, error));
        if (AttemptLog.Count > AttemptLogLimit)
        {
            AttemptLog.RemoveRange(0, AttemptLog.Count - AttemptLogLimit);
        }
    }

    public void MarkDelivered(Instant now)
    {
        Status = OccurrenceStatus.Delivered;
        DeliveredAt = now;
        ClosedAt = now;
        NextAttemptAt = null;
        LastError = null;
    }

    /// <summary>
    /// Records a failed attempt: retried at <paramref name="retryAt"/>, or dead-lettered when there is none
    /// (for <paramref name="deadLetterReason"/>, by default out of attempts).
    /// </summary>
    public void MarkFailed(string? error, Instant? retryAt, int? statusCode = null, string? responseBody = null, string deadLetterReason = OccurrenceReasons.AttemptsExhausted)
    {
        Status = retryAt is null ? OccurrenceStatus.DeadLettered : OccurrenceStatus.Retrying;
        Reason = retryAt is null ? deadLetterReason : null;
        NextAttemptAt = retryAt;
        LastError = error;
        LastStatusCode = statusCode;
        LastResponseBody = responseBody;
        ClosedAt = retryAt is null ? LastAttemptAt ?? Due : null;
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
            Reason = OccurrenceReasons.Expired;
            LastError = Attempts == 0
                ? "expired: the catch-up window closed before the first attempt"
                : $"the catch-up window closed after {Attempts} attempts; last error: {LastError}";
        }
        else if (Attempts - AttemptBudgetStart >= maxAttempts)
        {
            Status = OccurrenceStatus.DeadLettered;
            Reason = OccurrenceReasons.AttemptsExhausted;
            LastError = $"no attempts left after {Attempts}; last error: {LastError}";
        }
        else
        {
            return false;
        }

        NextAttemptAt = null;
        ClosedAt = now;
        return true;
    }

    /// <summary>Closes an open occurrence as skipped, for example when its entity is deleted or paused.</summary>
    public void Skip(string reason, string detail, Instant now)
    {
        Status = OccurrenceStatus.Skipped;
        NextAttemptAt = null;
        Reason = reason;
        LastError = detail;
        ClosedAt = now;
    }

    public OccurrenceView ToView() =>
        new(Key, Kind, LocalTime, Due, Status, Attempts, DeliveredAt, Late, LastError, Reason, Adjustments, TzdbVersion, LastStatusCode, LastResponseBody, [.. History], DeliverAt, [.. AttemptLog]);
}
