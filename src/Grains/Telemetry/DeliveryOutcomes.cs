using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Telemetry;

/// <summary>The <c>outcome</c> attribute's values on <c>reminders.deliveries</c>.</summary>
public static class DeliveryOutcomes
{
    public const string Delivered = "delivered";
    public const string Retried = "retried";
    public const string Deferred = "deferred";
    public const string DeadLettered = "dead_lettered";
    public const string Uncertain = "uncertain";
    public const string Skipped = "skipped";

    /// <summary>The outcome an occurrence's status records, or null for a status that is no outcome (scheduled, dispatching).</summary>
    public static string? Of(OccurrenceStatus status) => status switch
    {
        OccurrenceStatus.Delivered => Delivered,
        OccurrenceStatus.Retrying => Retried,
        OccurrenceStatus.DeadLettered => DeadLettered,
        OccurrenceStatus.Uncertain => Uncertain,
        OccurrenceStatus.Skipped => Skipped,
        _ => null,
    };
}
