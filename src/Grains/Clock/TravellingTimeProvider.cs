using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Reminders.Grains.Clock;

/// <summary>
/// The service clock when time travels: it shows <see cref="StartAt"/> when created and then runs
/// <see cref="Speed"/> times as fast as the real clock. Now, timestamps and timers all run at that one rate:
/// a timer due in a minute of service time fires after a minute / <see cref="Speed"/> of real time, and
/// elapsed times measured with timestamps are service time too, because Orleans mixes them (its delays
/// wait on timers and re-check against timestamps or now; see <c>Orleans.Internal.TimeProviderExtensions</c>).
/// </summary>
public sealed class TravellingTimeProvider : TimeProvider
{
    // The longest delay a real timer accepts (System.Threading.Timer's limit, about 49.7 days).
    private static readonly TimeSpan MaxRealTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly TimeProvider _real;
    private readonly long _realOrigin;
    private readonly long _timestampOrigin;

    public TravellingTimeProvider(DateTimeOffset startAt, double speed, TimeProvider real)
    {
        ArgumentNullException.ThrowIfNull(real);
        if (!(speed > 0 && speed <= ClockOptions.MaxSpeed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, $"The speed must be above 0 and at most {ClockOptions.MaxSpeed}.");
        }

        StartAt = startAt.ToUniversalTime();
        Speed = speed;
        _real = real;
        _realOrigin = real.GetTimestamp();

        // Timestamps carry on from the real clock's (in 100 ns units), so none reads as zero, which some code takes for "unset".
        _timestampOrigin = real.GetElapsedTime(0, _realOrigin).Ticks;
    }

    /// <summary>What the clock showed when it was created.</summary>
    public DateTimeOffset StartAt { get; }

    /// <summary>Service seconds per real second.</summary>
    public double Speed { get; }

    /// <summary>Timestamps are 100 ns ticks of service time: at 3600 times real speed a long stays valid for millennia.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _timestampOrigin + ElapsedTicks();

    public override DateTimeOffset GetUtcNow() => StartAt.AddTicks(ElapsedTicks());

    /// <summary>A timer that waits <paramref name="dueTime"/> and <paramref name="period"/> of service time, on a real timer.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new ScaledTimer(_real.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)), this);
    }

    /// <summary>
    /// How long <paramref name="serviceTime"/> takes in real time, rounded up to whole milliseconds (the real timers'
    /// resolution) so that rounding never makes a timer fire early by this clock. Infinite and zero stay as they are.
    /// </summary>
    public TimeSpan ToReal(TimeSpan serviceTime)
    {
        if (serviceTime <= TimeSpan.Zero)
        {
            return serviceTime; // zero, Timeout.InfiniteTimeSpan, or invalid for the real timer to refuse
        }

        // Only in slow motion can a valid service delay exceed the longest real timer; callers that wait that long
        // (Orleans among them) re-check the time and wait again.
        var milliseconds = Math.Ceiling(serviceTime.TotalMilliseconds / Speed);
        return milliseconds >= MaxRealTimerDelay.TotalMilliseconds ? MaxRealTimerDelay : TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>One line saying that time travels, for logs: <c>time travel: x60 from 2027-03-14T06:59:00Z, service clock 2027-03-14T07:03:12Z</c>.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"time travel: x{Speed:0.###} from {Format(StartAt)}, service clock {Format(GetUtcNow())}");

    private static string Format(DateTimeOffset value) => InstantPattern.General.Format(Instant.FromDateTimeOffset(value));

    private long ElapsedTicks() => (long)(_real.GetElapsedTime(_realOrigin).Ticks * Speed);

    /// <summary>A real timer whose due time and period, when changed, are given in service time.</summary>
    private sealed class ScaledTimer(ITimer real, TravellingTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => real.Change(clock.ToReal(dueTime), clock.ToReal(period));

        public void Dispose() => real.Dispose();

        public ValueTask DisposeAsync() => real.DisposeAsync();
    }
}
