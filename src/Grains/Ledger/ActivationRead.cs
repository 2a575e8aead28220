using NodaTime;

namespace Reminders.Grains.Ledger;

/// <summary>What an activation reads from the ledger table: the rows still to attempt, and each series' newest nominal period.</summary>
public sealed record ActivationRead(IReadOnlyList<OccurrenceRecord> Open, IReadOnlyDictionary<string, LocalDateTime> HighWater);
