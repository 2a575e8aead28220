namespace Reminders.Grains.Delivery;

/// <summary>One attempt to deliver one occurrence; <paramref name="IdempotencyKey"/> is the occurrence key.</summary>
public sealed record DeliveryRequest(string IdempotencyKey, string Recipient, string Message);
