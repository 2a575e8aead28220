namespace Reminders.Api.Occurrences;

// Documentation only: BulkRequest reads the JSON itself.
/// <summary>The body of bulk retry and discard: keys or a filter, and why.</summary>
public sealed record BulkBody
{
    /// <summary>Up to 1,000 occurrence keys, such as schedule:standup:20270301T090000. Give this or filter.</summary>
    public IReadOnlyList<string>? Keys { get; init; }

    /// <summary>Selects up to 1,000 occurrences, newest due first. Give this or keys.</summary>
    public BulkFilterBody? Filter { get; init; }

    /// <summary>Why, for the audit log (one entry per key that changed): 1-500 characters without control characters.</summary>
    public string? Reason { get; init; }
}
