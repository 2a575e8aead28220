namespace Reminders.Api.Audit;

// Documentation only: ChangeReason reads the JSON itself.
/// <summary>The optional body of pause, resume, delete, retry and discard: why, for the audit log.</summary>
public sealed record ReasonBody
{
    /// <summary>Why, for the audit log: 1-500 characters without control characters.</summary>
    public string? Reason { get; init; }
}
