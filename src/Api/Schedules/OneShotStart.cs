using NodaTime;
using NodaTime.Text;
using Reminders.Grains.Recurrence;

namespace Reminders.Api.Schedules;

/// <summary>
/// A schedule without a rule has one occurrence, at <c>start</c>. A schedule delivers only occurrences due at or
/// after its creation (or its last edit), so one whose occurrence is already due would be stored and never sent:
/// it is refused instead. Catch-up windows cover occurrences missed while the service was down, not ones that
/// were past before the schedule existed.
/// </summary>
public static class OneShotStart
{
    /// <summary>Why a rule-less <paramref name="recurrence"/> cannot be scheduled at <paramref name="now"/>, or null.</summary>
    public static string? Problem(ZonedRecurrence recurrence, Instant now) =>
        recurrence.First() is { } only && only.Due < now
            ? $"start is in the past: a schedule without rrule has one occurrence, due {InstantPattern.General.Format(only.Due)}, " +
              $"before now ({InstantPattern.General.Format(now)}), so it would never be sent."
            : null;
}
