using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.DeadLetters;
using Reminders.Grains.Delivery;

namespace Reminders.Grains.Entities;

/// <summary>What every entity grain needs to deliver: the channels, the retry policy, delivery options and the clock.</summary>
public sealed class DispatchServices(
    DeliveryChannels channels,
    RetryPolicy retries,
    IOptions<DeliveryOptions> delivery,
    TimeProvider clock,
    IDeadLetterIndex deadLetters)
{
    /// <summary>A manual retry gets at least this long (or the occurrence's own catch-up window) before it expires again.</summary>
    public static readonly Duration MinimumRetryWindow = Duration.FromHours(1);

    public IDeadLetterIndex DeadLetters => deadLetters;

    public DeliveryChannels Channels => channels;

    public RetryPolicy Retries => retries;

    public TimeProvider Clock => clock;

    public Duration LateAfter => Duration.FromTimeSpan(delivery.Value.LateAfter);
}
