using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Grains.Recurrence;

/// <summary>The three policies that decide what an instance's local date and time mean.</summary>
public sealed record RecurrencePolicies(InvalidDatePolicy InvalidDate, DstGapPolicy DstGap, DstOverlapPolicy DstOverlap)
{
    /// <summary>RFC 5545's defaults: invalid dates do not exist, gaps shift forward, overlaps take the earlier instant.</summary>
    public static RecurrencePolicies Default { get; } = new(InvalidDatePolicy.Omit, DstGapPolicy.ShiftForward, DstOverlapPolicy.Earlier);
}
