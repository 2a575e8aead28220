using NodaTime;

namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>
/// The outcome of a backfill: its occurrences oldest first; <see cref="Next"/>, when the range held more than one call
/// handles, is the local time to continue from; <see cref="Earliest"/>, when the range started too early, the earliest
/// local time a backfill may start at.
/// </summary>
[GenerateSerializer, Immutable, Alias("Reminders.Schedules.BackfillResult")]
public sealed record BackfillResult(
    [property: Id(0)] BackfillOutcome Outcome,
    [property: Id(1)] IReadOnlyList<BackfillItem> Items,
    [property: Id(2)] LocalDateTime? Next = null,
    [property: Id(3)] LocalDateTime? Earliest = null);
