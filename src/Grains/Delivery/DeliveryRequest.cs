using NodaTime;

namespace Reminders.Grains.Delivery;

/// <summary>One attempt to deliver one occurrence; <paramref name="IdempotencyKey"/> is the occurrence key.</summary>
/// <param name="Target">The channel's target (for webhooks, the URL), or null for the channel's default.</param>
public sealed record DeliveryRequest(
    string IdempotencyKey,
    string Kind,
    Uri? Target,
    IReadOnlyDictionary<string, string> Recipient,
    string Message,
    LocalDateTime LocalTime,
    Instant Due)
{
    /// <summary>
    /// True when <see cref="Target"/> came from a client (a schedule's <c>webhookUrl</c>), so it is sent through the
    /// guarded connection (<see cref="WebhookTargetGuard"/>); false for the operator's configured targets, trusted as
    /// given.
    /// </summary>
    public bool TargetFromClient { get; init; }
}
