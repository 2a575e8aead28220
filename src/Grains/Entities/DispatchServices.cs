using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Delivery;

namespace Reminders.Grains.Entities;

/// <summary>What every entity grain needs to deliver: the channels, the retry policy, delivery options and the clock.</summary>
public sealed class DispatchServices(DeliveryChannels channels, RetryPolicy retries, IOptions<DeliveryOptions> delivery, TimeProvider clock)
{
    public DeliveryChannels Channels => channels;

    public RetryPolicy Retries => retries;

    public TimeProvider Clock => clock;

    public Duration LateAfter => Duration.FromTimeSpan(delivery.Value.LateAfter);
}
