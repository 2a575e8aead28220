using Reminders.Api.Health;

namespace Reminders.Api.Stats;

/// <summary>
/// The service at a glance: the service clock (and whether time travel is on), recent outcomes, lateness, the overdue
/// backlog, what waits for an operator, and the silos.
/// </summary>
public sealed record StatsResponse(
    ClockReport Clock,
    DeliveryCounts Deliveries,
    Lateness Lateness,
    OverdueBacklog Overdue,
    long DeadLetters,
    long Uncertain,
    IReadOnlyList<SiloEntry> Silos);

/// <summary>
/// Occurrences that closed in the last hour and the last 24 hours, by outcome (delivered, deadLettered, skipped,
/// uncertain), by the service clock. Occurrences due more than 7 days before the window are not counted.
/// </summary>
public sealed record DeliveryCounts(IReadOnlyDictionary<string, long> LastHour, IReadOnlyDictionary<string, long> LastDay);

/// <summary>How late the last hour's deliveries were recorded after their due time, in seconds; null without deliveries.</summary>
public sealed record Lateness(double? P50Seconds, double? P99Seconds, long Deliveries);

/// <summary>Entities whose wake passed more than two minutes ago, and how long ago the oldest one's did (null when none).</summary>
public sealed record OverdueBacklog(long Count, double? OldestAgeSeconds);

/// <summary>An active silo of the cluster.</summary>
public sealed record SiloEntry(string Name, string Address, string Host, string Status, string StartedUtc);
