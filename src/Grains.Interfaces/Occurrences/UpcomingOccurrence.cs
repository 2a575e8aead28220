using NodaTime;

namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>An occurrence still to come, with what the schedule's policies did to it (and, when a business calendar moved it, the local date-time it moved to).</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Occurrences.UpcomingOccurrence")]
public sealed record UpcomingOccurrence(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Key,
    [property: Id(2)] LocalDateTime LocalTime,
    [property: Id(3)] Instant DueUtc,
    [property: Id(4)] OccurrenceAdjustments Adjustments = OccurrenceAdjustments.None,
    [property: Id(5)] Instant? PlannedUtc = null,
    [property: Id(6)] LocalDateTime? MovedTo = null)
{
    /// <summary>When it is to be sent: <see cref="DueUtc"/> plus its spread offset, or <see cref="DueUtc"/> itself.</summary>
    public Instant Planned => PlannedUtc ?? DueUtc;
}
