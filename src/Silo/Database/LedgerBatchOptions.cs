using System.ComponentModel.DataAnnotations;

namespace Reminders.Silo.Database;

/// <summary>How a silo group-commits the ledger's conditional writes (<c>Reminders:Ledger:Batch</c>); see <see cref="LedgerBatchWriter"/>.</summary>
public sealed class LedgerBatchOptions
{
    public const string SectionName = "Reminders:Ledger:Batch";

    /// <summary>
    /// Whether record-and-claim inserts and compare-and-swap updates of many grains share transactions. Off, each
    /// grain's write is its own transaction, as before.
    /// </summary>
    /// <value>The default is true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Most statements in one transaction. A batch is whatever queued while the previous one was in flight, up to
    /// this; a lone write goes at once, so a quiet silo adds no latency.
    /// </summary>
    /// <value>The default is 64 (PostgreSQL's CPU per row flattens out past about 64 rows a transaction).</value>
    [Range(1, 1000)]
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>How many batches one silo may have in flight at once, each on its own connection.</summary>
    /// <value>The default is 4.</value>
    [Range(1, 64)]
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>
    /// Commit at-least-once attempt outcomes (delivered, retrying, dead-lettered) without waiting for the WAL
    /// flush (<c>synchronous_commit = off</c>). Never claims, never at-most-once occurrences. A database crash
    /// within the flush delay (up to 3 × <c>wal_writer_delay</c>, 600 ms by default) after such an outcome loses
    /// it, and the occurrence is sent again under the same Idempotency-Key.
    /// </summary>
    /// <value>The default is false: every write is durable when the grain hears of it.</value>
    public bool RelaxedOutcomeCommits { get; set; }
}
