namespace Reminders.Api.Schedules;

// Documentation only: ScheduleRequestReader reads the policy member itself.
/// <summary>How a schedule treats dates and times that do not exist or repeat, and late or repeated delivery.</summary>
public sealed record SchedulePolicyBody
{
    /// <summary>A date the month lacks (Feb 29, the 31st): omit, backward or forward.</summary>
    public string? InvalidDate { get; init; }

    /// <summary>A local time a DST gap skips: shiftForward or omit.</summary>
    public string? DstGap { get; init; }

    /// <summary>A local time a DST overlap repeats: earlier or later.</summary>
    public string? DstOverlap { get; init; }

    /// <summary>How late an occurrence may still be delivered, an ISO 8601 duration from PT0S to P366D, such as PT15M.</summary>
    public string? CatchUpWindow { get; init; }

    /// <summary>atLeastOnce or atMostOnce.</summary>
    public string? Guarantee { get; init; }

    /// <summary>Spreads each occurrence over this long after its due time, by an offset derived from its key (plannedUtc): an ISO 8601 duration more than PT0S and at most PT24H, such as PT10M. Defaults to the kind's Spread, if any.</summary>
    public string? Spread { get; init; }

    /// <summary>With a calendar: an occurrence on a day it excludes is skipped (skip, the default), or moved to the same local time on the nextBusinessDay or previousBusinessDay (at most 366 days away, else skipped), keeping its key.</summary>
    public string? OnExcluded { get; init; }
}
