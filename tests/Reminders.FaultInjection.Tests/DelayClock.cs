using Microsoft.Extensions.Time.Testing;

namespace Reminders.FaultInjection.Tests;

/// <summary>
/// A fake clock for the receiver's hangs and slow answers that counts the waits begun on it, so a test
/// advances it only once the receiver is waiting (a timer created after an advance would not see it).
/// </summary>
public sealed class DelayClock : FakeTimeProvider
{
    private int _waits;

    public int Waits => Volatile.Read(ref _waits);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _waits);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
