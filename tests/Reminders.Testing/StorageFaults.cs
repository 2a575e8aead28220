using Orleans.Storage;

namespace Reminders.Testing;

/// <summary>
/// Makes chosen grain-state writes fail as if the process had died just before them: nothing reaches
/// the database. Shared by the fault-injecting storage of every silo in a test cluster.
/// </summary>
public sealed class StorageFaults
{
    private readonly Lock _gate = new();
    private Func<object?, bool>? _failNextWriteWhen;
    private int _injected;

    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Fails the next write whose new state satisfies <paramref name="predicate"/>, once.</summary>
    public void FailNextWriteWhen(Func<object?, bool> predicate)
    {
        lock (_gate)
        {
            _failNextWriteWhen = predicate;
        }
    }

    internal void ThrowIfChosen(object? newState)
    {
        lock (_gate)
        {
            if (_failNextWriteWhen is null || !_failNextWriteWhen(newState))
            {
                return;
            }

            _failNextWriteWhen = null;
        }

        Interlocked.Increment(ref _injected);
        throw new IOException("Injected fault: the process died before this write reached the database.");
    }
}

/// <summary>Grain storage that consults <see cref="StorageFaults"/> before each write, then defers to the real provider.</summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.ThrowIfChosen(grainState.State);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
