using NodaTime;

namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>One occurrence in an entity's ledger.</summary>
/// <param name="Key">The deterministic occurrence key, also sent as <c>Idempotency-Key</c>.</param>
/// <param name="LocalTime">The nominal local date-time in the entity's zone.</param>
/// <param name="DueUtc">The instant the occurrence fell due.</param>
/// <param name="Late">True when the first attempt started noticeably after <paramref name="DueUtc"/>.</param>
/// <param name="LastError">Why the last attempt failed, or why it was skipped.</param>
/// <param name="Reason">Why a closed occurrence was not delivered, as a code: <c>expired</c>, <c>deleted</c>, <c>paused</c>, <c>attemptsExhausted</c>.</param>
/// <param name="TzdbVersion">The zone database version that computed <paramref name="DueUtc"/>.</param>
/// <param name="PlannedUtc">When it is (or was) to be sent: <paramref name="DueUtc"/> plus its spread offset; null in views made before spreading existed.</param>
/// <param name="AttemptLog">The most recent attempts (at most <c>OccurrenceRecord.AttemptLogLimit</c>), oldest first.</param>
[GenerateSerializer, Immutable, Alias("Reminders.Occurrences.OccurrenceView")]
public sealed record OccurrenceView(
    [property: Id(0)] string Key,
    [property: Id(1)] string Kind,
    [property: Id(2)] LocalDateTime LocalTime,
    [property: Id(3)] Instant DueUtc,
    [property: Id(4)] OccurrenceStatus Status,
    [property: Id(5)] int Attempts,
    [property: Id(6)] Instant? DeliveredUtc,
    [property: Id(7)] bool Late,
    [property: Id(8)] string? LastError,
    [property: Id(9)] string? Reason = null,
    [property: Id(10)] OccurrenceAdjustments Adjustments = OccurrenceAdjustments.None,
    [property: Id(11)] string? TzdbVersion = null,
    [property: Id(12)] int? LastStatusCode = null,
    [property: Id(13)] string? LastResponseBody = null,
    [property: Id(14)] IReadOnlyList<OccurrenceEvent>? History = null,
    [property: Id(15)] Instant? PlannedUtc = null,
    [property: Id(16)] IReadOnlyList<OccurrenceAttempt>? AttemptLog = null);
