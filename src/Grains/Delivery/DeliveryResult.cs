namespace Reminders.Grains.Delivery;

/// <summary>What one attempt achieved.</summary>
/// <param name="StatusCode">The receiver's HTTP status, or null when no response arrived.</param>
/// <param name="Error">Why the attempt failed, or null when it succeeded.</param>
/// <param name="OutcomeUnknown">True when the request may have reached the receiver (a timeout, a dropped connection).</param>
public sealed record DeliveryResult(bool Delivered, int? StatusCode, string? Error, bool OutcomeUnknown = false)
{
    /// <summary>True when trying again cannot help (a 4xx other than 408, 409 and 429): dead-letter at once.</summary>
    public bool Permanent { get; init; }

    /// <summary>How long the receiver asked us to wait (<c>Retry-After</c> on a 429 or 503), if it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The start of the receiver's answer (at most 1 KiB), kept with a failed occurrence.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>
    /// True when nothing was sent because the target's circuit is open or its queue is full: the attempt is not
    /// counted, and is made again after <see cref="RetryAfter"/>.
    /// </summary>
    public bool Deferred { get; init; }

    public static DeliveryResult Defer(string why, TimeSpan retryAfter) =>
        new(false, null, why) { Deferred = true, RetryAfter = retryAfter };

    public static DeliveryResult Success(int statusCode) => new(true, statusCode, null);

    public static DeliveryResult Failure(int? statusCode, string error) => new(false, statusCode, error);

    public static DeliveryResult Unknown(string error) => new(false, null, error, OutcomeUnknown: true);
}
