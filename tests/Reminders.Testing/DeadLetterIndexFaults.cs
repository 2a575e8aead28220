using Reminders.Grains.DeadLetters;

namespace Reminders.Testing;

/// <summary>Lets a test make the next dead-letter index writes fail, as a crash between a state write and the index write would.</summary>
public sealed class DeadLetterIndexFaults
{
    private int _failNextWrites;
    private int _injected;

    public int Injected => Volatile.Read(ref _injected);

    /// <summary>The next <paramref name="count"/> upserts or removals throw before reaching the database.</summary>
    public void FailNextWrites(int count = 1) => Interlocked.Exchange(ref _failNextWrites, count);

    internal bool ShouldFail()
    {
        if (Interlocked.Decrement(ref _failNextWrites) < 0)
        {
            Interlocked.Exchange(ref _failNextWrites, 0);
            return false;
        }

        Interlocked.Increment(ref _injected);
        return true;
    }
}

/// <summary>The real index, with the writes <see cref="DeadLetterIndexFaults"/> says to fail.</summary>
public sealed class FaultInjectingDeadLetterIndex(IDeadLetterIndex inner, DeadLetterIndexFaults faults) : IDeadLetterIndex
{
    public Task UpsertAsync(DeadLetterEntry entry, CancellationToken cancellationToken = default) =>
        faults.ShouldFail() ? Injected() : inner.UpsertAsync(entry, cancellationToken);

    public Task RemoveAsync(string key, CancellationToken cancellationToken = default) =>
        faults.ShouldFail() ? Injected() : inner.RemoveAsync(key, cancellationToken);

    public Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken = default) =>
        inner.ListAsync(query, cancellationToken);

    private static Task Injected() =>
        Task.FromException(new InvalidOperationException("Injected: the process died before the dead-letter index was written."));
}
