using NodaTime;

namespace Reminders.Grains.Ledger;

/// <summary>
/// The ledger as grain state held it before the ledger table: a cursor and the last records. Still read, so
/// that state written by earlier releases loses nothing: the grain moves it into the table on its first
/// activation and clears it. The alias and ids are those of the old type and must not change.
/// </summary>
[GenerateSerializer, Alias("Reminders.Ledger.OccurrenceLedger")]
public sealed class LegacyLedger
{
    /// <summary>Every occurrence due before this instant had been recorded or passed over.</summary>
    [Id(0)] public Instant Cursor { get; set; }

    [Id(1)] public List<OccurrenceRecord> Records { get; set; } = [];
}
