namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>What a create, update, pause or resume did.</summary>
[GenerateSerializer, Alias("Reminders.Schedules.ScheduleWriteOutcome")]
public enum ScheduleWriteOutcome
{
    Created,
    Replayed,
    Conflict,
    Updated,
    NotFound,
    VersionMismatch,

    /// <summary>The definition names a business calendar that does not exist: nothing was changed.</summary>
    CalendarNotFound,
}

/// <summary>The outcome and the schedule as it now stands (null when there is none).</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Schedules.ScheduleWriteResult")]
public sealed record ScheduleWriteResult([property: Id(0)] ScheduleWriteOutcome Outcome, [property: Id(1)] ScheduleView? Schedule);
