using Reminders.Api.Users;
using Reminders.Silo.Audit;

namespace Reminders.Api.Audit;

/// <summary>A page of the audit log, newest first, and the <c>after</c> token of the next page (null on the last).</summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditEntryResponse> Items, string? Next);

/// <summary>One audited change: when, who (the API key's name), what, on which entity and occurrence, and why.</summary>
public sealed record AuditEntryResponse(string AtUtc, string Actor, string Action, string Entity, string? OccurrenceKey, string? Reason)
{
    public static AuditEntryResponse From(AuditEntry e) => new(ApiFormats.Instant(e.At), e.Actor, e.Action, e.Entity, e.OccurrenceKey, e.Reason);
}
