using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;

namespace Reminders.Testing;

/// <summary>
/// Makes a chosen ledger write fail as if the process had died just before it: nothing reaches the database.
/// Shared by the fault-injecting store of every silo in a test cluster.
/// </summary>
public sealed class LedgerFaults
{
    private readonly Lock _gate = new();
    private Func<OccurrenceRecord, bool>? _failNextWriteOf;
    private int _injected;

    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Fails the next insert or update that writes a record satisfying <paramref name="predicate"/>, once.</summary>
    public void FailNextWriteOf(Func<OccurrenceRecord, bool> predicate)
    {
        lock (_gate)
        {
            _failNextWriteOf = predicate;
        }
    }

    /// <summary>Fails the next write that records <paramref name="key"/> as <paramref name="status"/>.</summary>
    public void FailNextWriteOf(string key, OccurrenceStatus status) => FailNextWriteOf(r => r.Key == key && r.Status == status);

    internal void ThrowIfChosen(IEnumerable<OccurrenceRecord> records)
    {
        lock (_gate)
        {
            if (_failNextWriteOf is not { } chosen || !records.Any(chosen))
            {
                return;
            }

            _failNextWriteOf = null;
        }

        Interlocked.Increment(ref _injected);
        throw new IOException("Injected fault: the process died before this ledger write reached the database.");
    }
}

/// <summary>The real ledger table, with the writes <see cref="LedgerFaults"/> says to fail.</summary>
public sealed class FaultInjectingOccurrenceStore(IOccurrenceStore inner, LedgerFaults faults) : IOccurrenceStore
{
    public Task<IReadOnlySet<string>> InsertAsync(IReadOnlyList<OccurrenceRecord> records, CancellationToken cancellationToken = default)
    {
        faults.ThrowIfChosen(records);
        return inner.InsertAsync(records, cancellationToken);
    }

    public Task<bool> UpdateAsync(OccurrenceRecord record, CancellationToken cancellationToken = default)
    {
        faults.ThrowIfChosen([record]);
        return inner.UpdateAsync(record, cancellationToken);
    }

    public Task<bool> UpdateOutcomeAsync(OccurrenceRecord record, CancellationToken cancellationToken = default)
    {
        faults.ThrowIfChosen([record]);
        return inner.UpdateOutcomeAsync(record, cancellationToken);
    }

    public Task ImportAsync(IReadOnlyList<OccurrenceRecord> records, CancellationToken cancellationToken = default) =>
        inner.ImportAsync(records, cancellationToken);

    public Task<IReadOnlyList<OccurrenceRecord>> ReadOpenAsync(string entity, CancellationToken cancellationToken = default) =>
        inner.ReadOpenAsync(entity, cancellationToken);

    public Task<IReadOnlyDictionary<string, LocalDateTime>> ReadHighWaterAsync(IReadOnlyCollection<string> series, CancellationToken cancellationToken = default) =>
        inner.ReadHighWaterAsync(series, cancellationToken);

    public Task<ActivationRead> ReadForActivationAsync(string entity, IReadOnlyCollection<string> series, CancellationToken cancellationToken = default) =>
        inner.ReadForActivationAsync(entity, series, cancellationToken);

    public Task<IReadOnlySet<string>> ReadExistingKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        inner.ReadExistingKeysAsync(keys, cancellationToken);

    public Task<OccurrenceRecord?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(key, cancellationToken);

    public Task<IReadOnlyList<OccurrenceRecord>> ListAsync(OccurrenceQuery query, CancellationToken cancellationToken = default) =>
        inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<OccurrenceRecord>> ListAwaitingOperatorAsync(
        OccurrenceStatus status, string? kind, (Instant ClosedAt, string Key)? after, int limit, CancellationToken cancellationToken = default) =>
        inner.ListAwaitingOperatorAsync(status, kind, after, limit, cancellationToken);

    public Task<int> DeleteExpiredAsync(Instant cutoff, int limit, CancellationToken cancellationToken = default) =>
        inner.DeleteExpiredAsync(cutoff, limit, cancellationToken);
}
