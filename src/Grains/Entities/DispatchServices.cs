using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Delivery;
using Reminders.Grains.Ledger;

namespace Reminders.Grains.Entities;

/// <summary>What every entity grain needs to deliver: the channels, the retry policy, the ledger table, delivery options and the clock.</summary>
public sealed class DispatchServices(
    DeliveryChannels channels,
    RetryPolicy retries,
    IOptions<DeliveryOptions> delivery,
    TimeProvider clock,
    IOccurrenceStore store,
    DispatchActivity activity)
{
    /// <summary>A manual retry gets at least this long (or the occurrence's own catch-up window) before it expires again.</summary>
    public static readonly Duration MinimumRetryWindow = Duration.FromHours(1);

    public IOccurrenceStore Store => store;

    public DispatchActivity Activity => activity;

    public DeliveryChannels Channels => channels;

    public RetryPolicy Retries => retries;

    public TimeProvider Clock => clock;

    public Duration LateAfter => Duration.FromTimeSpan(delivery.Value.LateAfter);
}
