using Reminders.Api.Schedules;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Api.Users;

/// <summary>The wire names of what policies did to an occurrence: <c>dstGapShifted</c>, <c>invalidDateBackward</c>, ...</summary>
public static class AdjustmentNames
{
    public static IReadOnlyList<string> Of(OccurrenceAdjustments adjustments) =>
        [.. Enum.GetValues<OccurrenceAdjustments>().Where(a => a != OccurrenceAdjustments.None && adjustments.HasFlag(a)).Select(PolicyNames.Name)];
}
