namespace Reminders.Grains.Delivery;

/// <summary>What one attempt achieved.</summary>
/// <param name="StatusCode">The receiver's HTTP status, or null when no response arrived.</param>
/// <param name="Error">Why the attempt failed, or null when it succeeded.</param>
public sealed record DeliveryResult(bool Delivered, int? StatusCode, string? Error)
{
    public static DeliveryResult Success(int statusCode) => new(true, statusCode, null);

    public static DeliveryResult Failure(int? statusCode, string error) => new(false, statusCode, error);
}
