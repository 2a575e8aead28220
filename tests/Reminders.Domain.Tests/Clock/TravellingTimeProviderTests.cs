using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Reminders.Grains.Clock;

namespace Reminders.Domain.Tests.Clock;

/// <summary>
/// The travelling clock on a fake real clock: now, timestamps and timers all run at one rate, and timers wait
/// their service time divided by the speed, never less.
/// </summary>
public sealed class TravellingTimeProviderTests
{
    private static readonly DateTimeOffset StartAt = At("2027-03-14T06:59:00Z");

    private readonly FakeTimeProvider _real = new(At("2026-11-24T10:00:00Z"));

    [Fact]
    public void GetUtcNow_AtCreation_IsStartAt() =>
        Assert.Equal(StartAt, Clock(60).GetUtcNow());

    [Theory]
    [InlineData(1)]
    [InlineData(1.5)]
    [InlineData(60)]
    [InlineData(3600)]
    [InlineData(0.5)]
    public void GetUtcNow_AfterRealTime_RunsSpeedTimesAsFast(double speed)
    {
        var clock = Clock(speed);

        _real.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(StartAt + TimeSpan.FromSeconds(10 * speed), clock.GetUtcNow());
    }

    [Fact]
    public void GetUtcNow_StartAtWithAnOffset_IsTheSameInstantInUtc()
    {
        var clock = new TravellingTimeProvider(At("2027-03-14T07:59:00+01:00"), 60, _real);

        Assert.Equal((At("2027-03-14T06:59:00Z"), TimeSpan.Zero), (clock.GetUtcNow(), clock.GetUtcNow().Offset));
    }

    [Fact]
    public void GetElapsedTime_BetweenTimestamps_IsServiceTimeLikeNow()
    {
        var clock = Clock(60);
        var started = clock.GetTimestamp();
        var before = clock.GetUtcNow();

        _real.Advance(TimeSpan.FromSeconds(2.5));

        Assert.Equal(TimeSpan.FromMinutes(2.5), clock.GetElapsedTime(started));
        Assert.Equal(TimeSpan.FromMinutes(2.5), clock.GetUtcNow() - before);
    }

    [Fact]
    public void GetTimestamp_AsRealTimePasses_IsNonZeroAndNeverDecreases()
    {
        var clock = Clock(3600);
        var previous = clock.GetTimestamp();
        Assert.NotEqual(0, previous);

        for (var i = 0; i < 1000; i++)
        {
            _real.Advance(TimeSpan.FromTicks(7));
            var next = clock.GetTimestamp();
            Assert.True(next >= previous, $"timestamp went back from {previous} to {next}");
            previous = next;
        }
    }

    [Fact]
    public void CreateTimer_DueTime_FiresAfterDueTimeOverSpeedOfRealTime()
    {
        var clock = Clock(60);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        _real.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(fired);

        _real.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([StartAt + TimeSpan.FromMinutes(1)], fired);

        _real.Advance(TimeSpan.FromHours(1));
        Assert.Single(fired);
    }

    [Fact]
    public void CreateTimer_Period_RepeatsEveryPeriodOverSpeed()
    {
        var clock = Clock(60);
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => ticks++, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));

        _real.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, ticks);

        _real.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(4, ticks);
    }

    [Fact]
    public void Change_DueTimeAndPeriod_AreServiceTimeToo()
    {
        var clock = Clock(60);
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => ticks++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        _real.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, ticks);

        Assert.True(timer.Change(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));
        _real.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(0, ticks);
        _real.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, ticks);
        _real.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, ticks);
    }

    [Fact]
    public void CreateTimer_DueTimeNotAWholeRealMillisecond_RoundsUpSoItNeverFiresEarly()
    {
        var clock = Clock(7); // one service second is 142.857... real milliseconds
        DateTimeOffset? firedAt = null;
        using var timer = clock.CreateTimer(_ => firedAt = clock.GetUtcNow(), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        _real.Advance(TimeSpan.FromMilliseconds(142));
        Assert.Null(firedAt);

        _real.Advance(TimeSpan.FromMilliseconds(1));
        Assert.NotNull(firedAt);
        Assert.True(firedAt >= StartAt + TimeSpan.FromSeconds(1), $"fired at {firedAt:O}, before its due time");
    }

    [Fact]
    public void Dispose_StopsTheTimer()
    {
        var clock = Clock(60);
        var ticks = 0;
        var timer = clock.CreateTimer(_ => ticks++, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        _real.Advance(TimeSpan.FromSeconds(1));
        timer.Dispose();
        _real.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, ticks);
    }

    [Fact]
    public async Task Delay_OnTheServiceClock_CompletesAfterTheDelayOverSpeedOfRealTime()
    {
        var clock = Clock(3600);

        var delay = Task.Delay(TimeSpan.FromHours(1), clock);
        _real.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(delay.IsCompleted);

        _real.Advance(TimeSpan.FromMilliseconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StartAt + TimeSpan.FromHours(1), clock.GetUtcNow());
    }

    [Fact]
    public void CancellationTokenSource_OnTheServiceClock_CancelsAfterTheTimeoutOverSpeed()
    {
        var clock = Clock(60);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1), clock);

        _real.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(timeout.IsCancellationRequested);

        _real.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(timeout.IsCancellationRequested);
    }

    [Theory]
    [InlineData(60, "00:01:00", "00:00:01")]
    [InlineData(3600, "01:00:00", "00:00:01")]
    [InlineData(3600, "00:00:00.001", "00:00:00.001")] // a whole real millisecond at least
    [InlineData(1, "00:00:00", "00:00:00")]
    [InlineData(0.5, "00:00:01", "00:00:02")]
    [InlineData(0.5, "40.00:00:00", "49.17:02:47.294")] // slow motion: capped at the longest real timer
    public void ToReal_ServiceTime_IsRealTimeRoundedUpToTheMillisecond(double speed, string serviceTime, string realTime) =>
        Assert.Equal(Span(realTime), Clock(speed).ToReal(Span(serviceTime)));

    [Fact]
    public void ToReal_Infinite_StaysInfinite() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, Clock(60).ToReal(Timeout.InfiniteTimeSpan));

    [Fact]
    public void Describe_SaysSpeedStartAndTheServiceClock()
    {
        var clock = Clock(60);

        _real.Advance(TimeSpan.FromSeconds(4.2));

        Assert.Equal("time travel: x60 from 2027-03-14T06:59:00Z, service clock 2027-03-14T07:03:12Z", clock.Describe());
        Assert.Equal("time travel: x1.5 from 2027-03-14T06:59:00Z, service clock 2027-03-14T06:59:00Z", Clock(1.5).Describe());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3600.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_SpeedOutOfRange_Throws(double speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Clock(speed));

    private TravellingTimeProvider Clock(double speed) => new(StartAt, speed, _real);

    private static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

    private static TimeSpan Span(string value) => TimeSpan.Parse(value, CultureInfo.InvariantCulture);
}
