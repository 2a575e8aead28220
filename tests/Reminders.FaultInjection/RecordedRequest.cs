namespace Reminders.FaultInjection;

/// <summary>One request a <see cref="FaultyReceiver"/> got, and what it did with it.</summary>
/// <param name="Sequence">Arrival order, from 1.</param>
/// <param name="Path">The request path (any path is a webhook endpoint).</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c> header, or null when absent or empty.</param>
/// <param name="WebhookId">The <c>webhook-id</c> header, or null when absent or empty.</param>
/// <param name="At">Arrival time on the receiver's clock (the service clock in tests).</param>
/// <param name="Outcome">What the receiver decided.</param>
/// <param name="State">Whether it is still pending, was answered, aborted by the client, or dropped by the receiver.</param>
/// <param name="Status">The status code sent, or null while pending and when no answer was sent.</param>
/// <param name="Body">The raw request body.</param>
public sealed record RecordedRequest(
    int Sequence,
    string Path,
    string? IdempotencyKey,
    string? WebhookId,
    DateTimeOffset At,
    FaultOutcome Outcome,
    RequestState State,
    int? Status,
    string Body);
