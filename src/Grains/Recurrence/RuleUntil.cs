using NodaTime;

namespace Reminders.Grains.Recurrence;

/// <summary>
/// An RRULE's UNTIL: either a UTC instant (<c>...Z</c>), compared with each instance's instant, or a local
/// date-time (a date alone means the end of that day), compared with each instance's local time. Inclusive.
/// </summary>
public readonly record struct RuleUntil(Instant? Utc, LocalDateTime? Local)
{
    public bool Excludes(LocalDateTime local, Instant instant) =>
        Utc is { } utc ? instant > utc : Local is { } limit && local > limit;
}
