using Reminders.Api.Users;
using Reminders.Grains.DeadLetters;

namespace Reminders.Api.Occurrences;

/// <summary>A page of the dead-letter index: newest first, and the <c>after</c> token of the next page (null on the last).</summary>
public sealed record DeadLetterPageResponse(IReadOnlyList<DeadLetterResponse> Items, string? Next);

public sealed record DeadLetterResponse(
    string Key,
    string Entity,
    string Kind,
    string Status,
    string? Reason,
    string DueUtc,
    string ClosedUtc,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    string? LastResponseBody)
{
    public static DeadLetterResponse From(DeadLetterEntry e) => new(
        e.Key,
        e.Entity,
        e.Kind,
        OccurrenceResponse.StatusName(e.Status),
        e.Reason,
        ApiFormats.Instant(e.Due),
        ApiFormats.Instant(e.ClosedAt),
        e.Attempts,
        e.LastStatusCode,
        e.LastError,
        e.LastResponseBody);
}
