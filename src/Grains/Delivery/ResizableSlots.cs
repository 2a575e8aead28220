namespace Reminders.Grains.Delivery;

/// <summary>
/// A semaphore whose size can change while slots are held: shrinking takes effect as held slots come back,
/// growing lets waiters in at once. Waiters are served oldest first. <see cref="SemaphoreSlim"/> cannot shrink.
/// </summary>
public sealed class ResizableSlots
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private int _limit;
    private int _held;

    public ResizableSlots(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
    }

    /// <summary>How many slots are held now.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>Waits for a slot; give it back with <see cref="Release"/>.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (_held < _limit && _waiting.Count == 0)
            {
                _held++;
                return;
            }

            node = _waiting.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        await using var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (node.List is null)
                {
                    return; // granted already: the caller holds the slot
                }

                _waiting.Remove(node);
            }

            node.Value.TrySetCanceled(cancellationToken);
        });
        await node.Value.Task.ConfigureAwait(false);
    }

    public void Release()
    {
        lock (_gate)
        {
            _held--;
            Grant();
        }
    }

    /// <summary>Changes the number of slots; held slots beyond a smaller limit stay held until released.</summary>
    public void Resize(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            _limit = limit;
            Grant();
        }
    }

    private void Grant()
    {
        while (_held < _limit && _waiting.First is { } first)
        {
            _waiting.RemoveFirst();
            _held++;
            first.Value.TrySetResult();
        }
    }
}
