using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Ledger;

/// <summary>
/// The ledger table: one row per occurrence key, written only by the owning grain with conditional statements,
/// and queried across entities by the API.
/// </summary>
public interface IOccurrenceStore
{
    /// <summary>
    /// Records new occurrences (each as it stands, so a first claim can ride on the insert). A key that already
    /// has a row is left alone and not written. Returns the keys written; their records' versions become 1.
    /// </summary>
    Task<IReadOnlySet<string>> InsertAsync(IReadOnlyList<OccurrenceRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a record's changes if its row is still at <see cref="OccurrenceRecord.Version"/> (compare and swap).
    /// Returns false, writing nothing, when another writer changed the row first; on success the version is bumped.
    /// </summary>
    Task<bool> UpdateAsync(OccurrenceRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="UpdateAsync"/> for the outcome of an attempt, written by the dispatch loop rather than inside a grain
    /// call: it keeps trying to reach the database for longer, since giving up turns the attempt into a resend.
    /// </summary>
    Task<bool> UpdateOutcomeAsync(OccurrenceRecord record, CancellationToken cancellationToken = default);

    /// <summary>Writes records moved from a ledger kept in grain state, replacing the payload-less rows that migration 0006 copied from the dead-letter index.</summary>
    Task ImportAsync(IReadOnlyList<OccurrenceRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The entity's rows that are still to be attempted (scheduled, dispatching, retrying).</summary>
    Task<IReadOnlyList<OccurrenceRecord>> ReadOpenAsync(string entity, CancellationToken cancellationToken = default);

    /// <summary>The newest nominal period of each of <paramref name="series"/> that has rows.</summary>
    Task<IReadOnlyDictionary<string, LocalDateTime>> ReadHighWaterAsync(IReadOnlyCollection<string> series, CancellationToken cancellationToken = default);

    /// <summary>What an activation reads, in one round trip: the entity's open rows and the high-water marks of <paramref name="series"/>.</summary>
    Task<ActivationRead> ReadForActivationAsync(string entity, IReadOnlyCollection<string> series, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="keys"/> have a row (in any state).</summary>
    Task<IReadOnlySet<string>> ReadExistingKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>One row, or null.</summary>
    Task<OccurrenceRecord?> ReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Rows newest due first, filtered and paged as <paramref name="query"/> says.</summary>
    Task<IReadOnlyList<OccurrenceRecord>> ListAsync(OccurrenceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Dead-lettered or uncertain rows, newest closed first, after a position (the last row of the previous page).</summary>
    Task<IReadOnlyList<OccurrenceRecord>> ListAwaitingOperatorAsync(
        OccurrenceStatus status, string? kind, (Instant ClosedAt, string Key)? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> delivered or skipped rows that closed before <paramref name="cutoff"/>,
    /// never the newest row of a series. Returns how many it deleted.
    /// </summary>
    Task<int> DeleteExpiredAsync(Instant cutoff, int limit, CancellationToken cancellationToken = default);
}
