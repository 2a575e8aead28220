using NodaTime;

namespace Reminders.Silo.Database;

/// <summary>
/// What the ledger says: occurrences closed in the last hour and day by status, lateness (delivery recorded vs due)
/// of the last hour's deliveries, and the dead-lettered and uncertain occurrences waiting for an operator.
/// </summary>
public sealed record LedgerFigures(
    IReadOnlyDictionary<string, long> LastHour,
    IReadOnlyDictionary<string, long> LastDay,
    Duration? LatenessP50,
    Duration? LatenessP99,
    long DeliveredLastHour,
    long DeadLettered,
    long Uncertain);
