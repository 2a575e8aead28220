using System.Security.Claims;
using System.Text.Json.Serialization;
using Reminders.Api.Schedules;
using Reminders.Api.Security;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Api.Users;

/// <summary>A page of an entity's occurrences, newest due first, and the <c>after</c> token of the next page (null on the last).</summary>
public sealed record OccurrencesResponse(IReadOnlyList<OccurrenceResponse> Items, string? Next);

/// <remarks><c>alarm</c> is present only on a schedule's alarm: which occurrence it is for, and its offset.</remarks>
public sealed record OccurrenceResponse(
    string Key,
    string Kind,
    string LocalTime,
    string DueUtc,
    string PlannedUtc,
    string Status,
    int Attempts,
    string? DeliveredUtc,
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
    public static OccurrenceResponse From(OccurrenceView o) => new(
        o.Key,
        o.Kind,
        ApiFormats.LocalDateTime(o.LocalTime),
        ApiFormats.Instant(o.DueUtc),
        ApiFormats.Instant(o.PlannedUtc ?? o.DueUtc),
        OccurrenceStatusNames.Of(o.Status),
        o.Attempts,
        o.DeliveredUtc is { } delivered ? ApiFormats.Instant(delivered) : null,
        o.Late,
        o.LastError,
        o.Reason,
        AdjustmentNames.Of(o.Adjustments),
        o.TzdbVersion,
        o.LastStatusCode,
        o.LastResponseBody,
        [.. (o.History ?? []).Select(h => new OccurrenceHistoryResponse(ApiFormats.Instant(h.At), h.What))],
        [.. (o.AttemptLog ?? []).Select(a => new OccurrenceAttemptResponse(a.Number, ApiFormats.Instant(a.StartedUtc), a.Outcome, a.StatusCode, a.Error))],
        AlarmOfResponse.Of(o.Key));

    /// <summary>Receiver answers can carry what a receiver should not have echoed (tokens, personal data): only admins see them.</summary>
    public OccurrenceResponse ForCaller(ClaimsPrincipal user) => ApiScopes.Has(user, ApiScopes.Admin) ? this : this with { LastResponseBody = null };
}

public sealed record OccurrenceHistoryResponse(string At, string What);

/// <summary>One attempt: its number, when it started, <c>delivered</c>, <c>failed</c> or <c>unknown</c>, the receiver's status and the error.</summary>
public sealed record OccurrenceAttemptResponse(int Number, string StartedUtc, string Outcome, int? StatusCode, string? Error);
