namespace Reminders.Api.Schedules;

// Documentation only: BackfillRequest reads the JSON itself.
/// <summary>
/// The body of <c>POST /api/v1/schedules/{id}/backfill</c>: a range of nominal local date-times in the schedule's
/// zone, both ends included.
/// </summary>
public sealed record BackfillBody
{
    /// <summary>Required: the first local date-time of the range, <c>yyyy-MM-ddTHH:mm:ss</c> in the schedule's zone.</summary>
    public string? From { get; init; }

    /// <summary>Required: the last local date-time of the range (included); occurrences not yet due are left to the schedule.</summary>
    public string? To { get; init; }

    /// <summary>True to list what would be queued and send nothing. The default is false.</summary>
    public bool? DryRun { get; init; }

    /// <summary>Why, for the audit log: 1-500 characters without control characters.</summary>
    public string? Reason { get; init; }
}
