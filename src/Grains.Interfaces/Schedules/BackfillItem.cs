using NodaTime;

namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>One occurrence of a backfill's range: its normal key, nominal local time, due instant and what was done.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Schedules.BackfillItem")]
public sealed record BackfillItem(
    [property: Id(0)] string Key,
    [property: Id(1)] LocalDateTime LocalTime,
    [property: Id(2)] Instant Due,
    [property: Id(3)] BackfillItemStatus Status);
