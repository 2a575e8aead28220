namespace Reminders.Grains.Delivery;

/// <summary>What one attempt achieved.</summary>
/// <param name="StatusCode">The receiver's HTTP status, or null when no response arrived.</param>
/// <param name="Error">Why the attempt failed, or null when it succeeded.</param>
/// <param name="OutcomeUnknown">True when the request may have reached the receiver (a timeout, a dropped connection).</param>
public sealed record DeliveryResult(bool Delivered, int? StatusCode, string? Error, bool OutcomeUnknown = false)
{
    public static DeliveryResult Success(int statusCode) => new(true, statusCode, null);

    public static DeliveryResult Failure(int? statusCode, string error) => new(false, statusCode, error);

    public static DeliveryResult Unknown(string error) => new(false, null, error, OutcomeUnknown: true);
}
