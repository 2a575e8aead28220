namespace Reminders.Api.Occurrences;

// Documentation only: BulkRequest reads the JSON itself.
/// <summary>Which occurrences a bulk retry or discard handles.</summary>
public sealed record BulkFilterBody
{
    /// <summary>Required: deadLettered or uncertain.</summary>
    public string? Status { get; init; }

    /// <summary>Only occurrences of this event kind.</summary>
    public string? Kind { get; init; }

    /// <summary>Only occurrences of this entity: user:&lt;id&gt; or schedule:&lt;id&gt;, such as user:ada.</summary>
    public string? Entity { get; init; }
}
