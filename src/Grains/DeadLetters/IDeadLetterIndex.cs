namespace Reminders.Grains.DeadLetters;

/// <summary>
/// A queryable index, across all entities, of occurrences that are dead-lettered or uncertain. Grain state is
/// the truth; the index is written after it, idempotently, and repaired from it (see <c>OccurrenceRecord.IndexPending</c>).
/// </summary>
public interface IDeadLetterIndex
{
    /// <summary>Adds or replaces the entry for its key.</summary>
    Task UpsertAsync(DeadLetterEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry for <paramref name="key"/>, if there is one.</summary>
    Task RemoveAsync(string key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken = default);
}
