using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.DeadLetters;

/// <summary>One row of the dead-letter index: an occurrence that is dead-lettered or uncertain, and where it lives.</summary>
/// <param name="Entity">The owning entity's key prefix, such as <c>user:ada</c> or <c>schedule:standup</c>.</param>
/// <param name="ClosedAt">When it was dead-lettered or became uncertain (its last attempt).</param>
public sealed record DeadLetterEntry(
    string Key,
    string Entity,
    string Kind,
    OccurrenceStatus Status,
    string? Reason,
    Instant Due,
    Instant ClosedAt,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    string? LastResponseBody);
