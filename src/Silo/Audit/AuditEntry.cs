using NodaTime;

namespace Reminders.Silo.Audit;

/// <summary>
/// One change made through the API: who (<paramref name="Actor"/>, an API key's name), what
/// (<paramref name="Action"/>, such as <c>schedule.pause</c>), which entity (<c>user:ada</c>) and occurrence, when, and why.
/// </summary>
public sealed record AuditEntry(Instant At, string Actor, string Action, string Entity, string? OccurrenceKey, string? Reason)
{
    /// <summary>The row's id, assigned when it is stored (0 before).</summary>
    public long Id { get; init; }
}
