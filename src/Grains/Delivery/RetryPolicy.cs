using Microsoft.Extensions.Options;
using NodaTime;

namespace Reminders.Grains.Delivery;

/// <summary>When a failed occurrence is tried again: exponential backoff with full jitter, bounded by
/// the attempt limit and the occurrence's deadline.</summary>
public sealed class RetryPolicy(IOptions<DeliveryOptions> options)
{
    private static readonly Duration MinimumDelay = Duration.FromSeconds(1);

    public int MaxAttempts => options.Value.MaxAttempts;

    /// <summary>
    /// The instant of the next attempt after <paramref name="attemptsMade"/> failures, or null to give up; never
    /// sooner than a receiver's <paramref name="retryAfter"/>, and never past the deadline.
    /// </summary>
    public Instant? NextAttempt(int attemptsMade, Instant now, Instant deadline, TimeSpan? retryAfter = null, int? maxAttempts = null)
    {
        if (attemptsMade >= (maxAttempts ?? options.Value.MaxAttempts) || now >= deadline)
        {
            return null;
        }

        var ceiling = Math.Min(
            options.Value.RetryMaxDelay.TotalSeconds,
            options.Value.RetryBaseDelay.TotalSeconds * Math.Pow(2, attemptsMade - 1));
        var delay = Duration.Max(MinimumDelay, Duration.FromSeconds(Random.Shared.NextDouble() * ceiling));
        if (retryAfter is { } asked)
        {
            delay = Duration.Max(delay, Duration.FromTimeSpan(asked));
        }

        // The last chance falls on the deadline rather than past it.
        return Instant.Min(now + delay, deadline);
    }
}
