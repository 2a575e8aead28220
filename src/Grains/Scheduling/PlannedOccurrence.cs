using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// One computed occurrence of a series: its stable key, the nominal period the key names, nominal local time,
/// due instant, and what the policies did.
/// </summary>
public sealed record PlannedOccurrence(
    string Key,
    string Kind,
    LocalDateTime LocalTime,
    Instant Due,
    OccurrenceAdjustments Adjustments = OccurrenceAdjustments.None)
{
    /// <summary>The period the key names (the local date-time itself unless the key is coarser, such as a year).</summary>
    public LocalDateTime Nominal { get; init; } = LocalTime;

    /// <summary>When it is delivered: <see cref="Due"/> plus its spread offset (see <see cref="SpreadOffsets"/>), or <see cref="Due"/> itself.</summary>
    public Instant Planned { get; init; } = Due;

    /// <summary>
    /// The local date-time a business calendar moved it to, or null. <see cref="Planned"/> is then that instant (plus any
    /// spread); <see cref="Due"/> is the earlier of it and the nominal instant.
    /// </summary>
    public LocalDateTime? MovedTo { get; init; }
}
