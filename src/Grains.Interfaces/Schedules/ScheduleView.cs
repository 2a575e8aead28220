using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>A schedule as the API shows it: its definition, whether it is paused, its version and what comes next.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Schedules.ScheduleView")]
public sealed record ScheduleView(
    [property: Id(0)] string Id,
    [property: Id(1)] ScheduleDefinition Definition,
    [property: Id(2)] bool Paused,
    [property: Id(3)] int Version,
    [property: Id(4)] IReadOnlyList<UpcomingOccurrence> Upcoming);
