using System.Security.Claims;
using NodaTime;
using Reminders.Api.Security;
using Reminders.Silo.Audit;
using Reminders.Silo.Database;

namespace Reminders.Api.Audit;

/// <summary>
/// Records a change the API made, after it succeeded, under the caller's key name and the service clock's time.
/// Endpoints call this only when something changed: not for replays, not-founds or failed preconditions.
/// </summary>
public sealed class AuditTrail(PostgresAuditLog log, TimeProvider clock)
{
    public Task RecordAsync(HttpContext context, string action, string entity, string? reason, string? occurrenceKey = null) =>
        RecordAsync(context.User, action, entity, reason, occurrenceKey);

    /// <summary>The same, for callers that have the user but not the request (services the console shares).</summary>
    public Task RecordAsync(ClaimsPrincipal user, string action, string entity, string? reason, string? occurrenceKey = null) =>
        log.RecordAsync(
            new AuditEntry(
                Instant.FromDateTimeOffset(clock.GetUtcNow()),
                user.Identity?.Name ?? ApiKeyAuthenticationHandler.AnonymousName,
                action,
                entity,
                occurrenceKey,
                reason),
            // The change is made: the record of it is written even if the caller has gone.
            CancellationToken.None);
}
