using NodaTime;

namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>A schedule's policies, stored with every default resolved so a read shows what applies.</summary>
/// <remarks>
/// <see cref="Spread"/> is null when occurrences are not spread (and in state stored before spreading existed),
/// never zero, so a definition stored then equals the same one sent again now. <see cref="OnExcluded"/> is null
/// when the schedule names no business calendar.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Reminders.Schedules.SchedulePolicy")]
public sealed record SchedulePolicy(
    [property: Id(0)] InvalidDatePolicy InvalidDate,
    [property: Id(1)] DstGapPolicy DstGap,
    [property: Id(2)] DstOverlapPolicy DstOverlap,
    [property: Id(3)] Duration CatchUpWindow,
    [property: Id(4)] DeliveryGuarantee Guarantee,
    [property: Id(5)] Duration? Spread = null,
    [property: Id(6)] ExcludedDayPolicy? OnExcluded = null);
