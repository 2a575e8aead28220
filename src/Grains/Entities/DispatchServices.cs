using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Catalog;
using Reminders.Grains.Delivery;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;
using Reminders.Grains.Telemetry;

namespace Reminders.Grains.Entities;

/// <summary>What every entity grain needs to deliver: the channels, the retry policy, the ledger table, the catalog, delivery options, the clock and metrics.</summary>
public sealed class DispatchServices(
    DeliveryChannels channels,
    RetryPolicy retries,
    IOptions<DeliveryOptions> delivery,
    TimeProvider clock,
    IOccurrenceStore store,
    IEntityCatalogWriter catalog,
    DispatchActivity activity,
    IOptionsMonitor<EventsOptions> events,
    IOptions<LedgerOptions> ledger,
    RemindersMetrics metrics,
    TriggerSettings triggerSettings)
{
    /// <summary>A manual retry gets at least this long (or the occurrence's own catch-up window) before it expires again.</summary>
    public static readonly Duration MinimumRetryWindow = Duration.FromHours(1);

    public IOccurrenceStore Store => store;

    /// <summary>Where the grain keeps its row of the queryable index of users and schedules.</summary>
    public IEntityCatalogWriter Catalog => catalog;

    public DispatchActivity Activity => activity;

    public RemindersMetrics Metrics => metrics;

    public DeliveryChannels Channels => channels;

    public RetryPolicy Retries => retries;

    public TimeProvider Clock => clock;

    /// <summary>This silo's zone database and kind settings as one stamp, for the catalog row (see the re-arm sweep).</summary>
    public TriggerSettings TriggerSettings => triggerSettings;

    /// <summary>The event kinds' settings as configured now.</summary>
    public EventsOptions Events => events.CurrentValue;

    /// <summary>How long closed rows are kept: below now minus this, a missing row proves nothing (see backfill).</summary>
    public Duration Retention => Duration.FromTimeSpan(ledger.Value.Retention);

    public Duration LateAfter => Duration.FromTimeSpan(delivery.Value.LateAfter);

    /// <summary>How long a claim holds: one attempt's timeout plus the margin for its rate-limit wait and its outcome's write.</summary>
    public Duration ClaimLease => Duration.FromTimeSpan(delivery.Value.AttemptTimeout + delivery.Value.ClaimLeaseMargin);

    /// <summary>
    /// Whether <paramref name="record"/>'s target is a client's, sent through the guarded connection. A row recorded
    /// before the origin was kept has none: its target is trusted only while it is still one the operator configures.
    /// </summary>
    public bool IsClientTarget(OccurrenceRecord record) =>
        record.Target is { } target
        && (record.TargetFromClient
            ?? !(target == delivery.Value.WebhookUrl
                || (events.CurrentValue.Kinds.TryGetValue(record.Kind, out var kind) && target == kind.WebhookUrl)));
}
