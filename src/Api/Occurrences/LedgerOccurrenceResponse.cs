using System.Security.Claims;
using System.Text.Json.Serialization;
using Reminders.Api.Schedules;
using Reminders.Api.Security;
using Reminders.Api.Users;
using Reminders.Grains.Ledger;

namespace Reminders.Api.Occurrences;

/// <summary>A page of occurrences across entities, newest due first, and the <c>after</c> token of the next page (null on the last).</summary>
public sealed record LedgerPageResponse(IReadOnlyList<LedgerOccurrenceResponse> Items, string? Next);

/// <summary>One occurrence across entities: an entity's occurrence plus the entity it belongs to and when it closed.</summary>
public sealed record LedgerOccurrenceResponse(
    string Key,
    string Entity,
    string Kind,
    string LocalTime,
    string DueUtc,
    string Status,
    int Attempts,
    string? DeliveredUtc,
    string? ClosedUtc,
    bool Late,
    string? LastError,
    string? Reason,
    IReadOnlyList<string> Adjustments,
    string? TzdbVersion,
    int? LastStatusCode,
    string? LastResponseBody,
    IReadOnlyList<OccurrenceHistoryResponse> History,
    IReadOnlyList<OccurrenceAttemptResponse> AttemptLog,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AlarmOfResponse? Alarm = null)
{
    public static LedgerOccurrenceResponse From(OccurrenceRecord record)
    {
        var o = OccurrenceResponse.From(record.ToView());
        return new(
            o.Key, record.Entity, o.Kind, o.LocalTime, o.DueUtc, o.Status, o.Attempts, o.DeliveredUtc,
            record.ClosedAt is { } closed ? ApiFormats.Instant(closed) : null,
            o.Late, o.LastError, o.Reason, o.Adjustments, o.TzdbVersion, o.LastStatusCode, o.LastResponseBody, o.History, o.AttemptLog, o.Alarm);
    }

    /// <summary>Receiver answers can carry what a receiver should not have echoed (tokens, personal data): only admins see them.</summary>
    public LedgerOccurrenceResponse ForCaller(ClaimsPrincipal user) => ApiScopes.Has(user, ApiScopes.Admin) ? this : this with { LastResponseBody = null };
}
