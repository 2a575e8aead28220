namespace Reminders.Api.Occurrences;

/// <summary>
/// What a bulk retry or discard did to each key, in request order (or newest due first for a filter):
/// <c>retried</c> or <c>discarded</c> when it changed, <c>unchanged</c> when it was not in a state the action applies to
/// (already retried, delivered...), <c>notFound</c>, or <c>invalid</c> for a string that is not an occurrence key.
/// <c>status</c> is the occurrence's status after the call. <c>more</c> is true when a filter matched more than the
/// keys handled: call again.
/// </summary>
public sealed record BulkResponse(IReadOnlyList<BulkItemResult> Results, bool More);

/// <summary>One key's result.</summary>
public sealed record BulkItemResult(string Key, string Outcome, string? Status);
