namespace Reminders.Grains.Delivery;

/// <summary>The Standard Webhooks headers of one signed request.</summary>
/// <param name="Id">The <c>webhook-id</c>: the occurrence key, the same as <c>Idempotency-Key</c>.</param>
/// <param name="Timestamp">The <c>webhook-timestamp</c>: Unix seconds of the attempt, on the service clock.</param>
/// <param name="Signature">The <c>webhook-signature</c>: <c>v1,&lt;base64&gt;</c> per secret, space-separated.</param>
public sealed record WebhookSignature(string Id, string Timestamp, string Signature)
{
    public const string IdHeader = "webhook-id";

    public const string TimestampHeader = "webhook-timestamp";

    public const string SignatureHeader = "webhook-signature";
}
