using Reminders.Grains.Entities;

namespace Reminders.Testing;

/// <summary>
/// Counts reminder ticks as grains receive them, and (through <see cref="Dispatches"/>, which the test cluster's
/// silos share) the dispatch loops the ticks start, so a test can wait for the cluster to go quiet.
/// </summary>
public sealed class TickProbe : IIncomingGrainCallFilter
{
    /// <summary>The dispatch loops running in the cluster's silos.</summary>
    public DispatchActivity Dispatches { get; } = new();

    private int _started;
    private int _completed;

    public int Started => Volatile.Read(ref _started);

    public int Completed => Volatile.Read(ref _completed);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var isTick = context.InterfaceMethod?.Name == nameof(IRemindable.ReceiveReminder);
        if (isTick)
        {
            Interlocked.Increment(ref _started);
        }

        try
        {
            await context.Invoke();
        }
        finally
        {
            if (isTick)
            {
                Interlocked.Increment(ref _completed);
            }
        }
    }
}
