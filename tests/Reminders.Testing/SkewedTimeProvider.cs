namespace Reminders.Testing;

/// <summary>
/// One silo's view of the shared clock, off by an adjustable amount: models the skew between machines'
/// wall clocks that NTP keeps small but never zero. Timers run on the underlying clock.
/// </summary>
public sealed class SkewedTimeProvider(TimeProvider clock) : TimeProvider
{
    private long _skewTicks;

    public TimeSpan Skew
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _skewTicks));
        set => Interlocked.Exchange(ref _skewTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow() + Skew;

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        clock.CreateTimer(callback, state, dueTime, period);
}
