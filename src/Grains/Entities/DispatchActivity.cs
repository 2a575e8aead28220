namespace Reminders.Grains.Entities;

/// <summary>
/// Counts the dispatch loops running in this silo. A reminder tick only starts a loop and returns, so this is how
/// anything outside the grain (tests waiting for the cluster to go quiet, later metrics) sees work in progress.
/// </summary>
public sealed class DispatchActivity
{
    private int _running;

    public int Running => Volatile.Read(ref _running);

    internal void Started() => Interlocked.Increment(ref _running);

    internal void Finished() => Interlocked.Decrement(ref _running);

    /// <summary>A loop that waits on the clock (for another activation's claim to run out) is not at work until it resumes.</summary>
    internal IDisposable Park()
    {
        Finished();
        return new Resume(this);
    }

    private sealed class Resume(DispatchActivity activity) : IDisposable
    {
        private int _resumed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _resumed, 1) == 0)
            {
                activity.Started();
            }
        }
    }
}
