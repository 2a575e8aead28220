using System.Security.Claims;
using Reminders.Api.Security;
using Reminders.Api.Users;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;

namespace Reminders.Api.Occurrences;

/// <summary>A page of dead-lettered (or uncertain) occurrences: newest first, and the <c>after</c> token of the next page (null on the last).</summary>
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
    public static DeadLetterResponse From(OccurrenceRecord e) => new(
        e.Key,
        e.Entity,
        e.Kind,
        OccurrenceStatusNames.Of(e.Status),
        e.Reason,
        ApiFormats.Instant(e.Due),
        ApiFormats.Instant(e.ClosedOrLastAttempt),
        e.Attempts,
        e.LastStatusCode,
        e.LastError,
        e.LastResponseBody);

    /// <summary>Receiver answers can carry what a receiver should not have echoed (tokens, personal data): only admins see them.</summary>
    public DeadLetterResponse ForCaller(ClaimsPrincipal user) => ApiScopes.Has(user, ApiScopes.Admin) ? this : this with { LastResponseBody = null };
}
