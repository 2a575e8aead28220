using NodaTime;

namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>A schedule's policies, stored with every default resolved so a read shows what applies.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Schedules.SchedulePolicy")]
public sealed record SchedulePolicy(
    [property: Id(0)] InvalidDatePolicy InvalidDate,
    [property: Id(1)] DstGapPolicy DstGap,
    [property: Id(2)] DstOverlapPolicy DstOverlap,
    [property: Id(3)] Duration CatchUpWindow,
    [property: Id(4)] DeliveryGuarantee Guarantee);
