using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Delivery;

namespace Reminders.Domain.Tests;

/// <summary>Backoff with full jitter, bounded by the attempt limit and the deadline. Bounds are exact, so many samples are checked.</summary>
public sealed class RetryPolicyTests
{
    private const int Samples = 2_000;
    private static readonly Instant Now = Time.Utc("2026-03-10T09:00:00Z");
    private static readonly Instant FarDeadline = Time.Utc("2026-03-20T09:00:00Z");

    private static RetryPolicy Policy(int maxAttempts = 10, int baseSeconds = 10, int maxSeconds = 3600) =>
        new(Options.Create(new DeliveryOptions
        {
            MaxAttempts = maxAttempts,
            RetryBaseDelay = TimeSpan.FromSeconds(baseSeconds),
            RetryMaxDelay = TimeSpan.FromSeconds(maxSeconds),
        }));

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, true)]
    [InlineData(9, false)]
    public void NextAttempt_AttemptsExhausted_ReturnsNull(int attemptsMade, bool givesUp) =>
        Assert.Equal(givesUp, Policy(maxAttempts: 10).NextAttempt(attemptsMade, Now, FarDeadline) is null);

    [Theory]
    [InlineData("2026-03-10T09:00:00Z")] // deadline is now
    [InlineData("2026-03-10T08:59:59Z")] // deadline has passed
    public void NextAttempt_AtOrAfterTheDeadline_ReturnsNull(string deadline) =>
        Assert.Null(Policy().NextAttempt(1, Now, Time.Utc(deadline)));

    [Fact]
    public void NextAttempt_DeadlineCloserThanTheMinimumDelay_FallsOnTheDeadline()
    {
        var deadline = Now + Duration.FromMilliseconds(500);

        Assert.Equal(deadline, Policy().NextAttempt(1, Now, deadline));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void NextAttempt_DeadlineSoon_IsNeverPastIt(int attemptsMade)
    {
        var deadline = Now + Duration.FromSeconds(30);
        var policy = Policy();

        for (var i = 0; i < Samples; i++)
        {
            var next = policy.NextAttempt(attemptsMade, Now, deadline);
            Assert.NotNull(next);
            Assert.InRange(next.Value, Now + Duration.FromSeconds(1), deadline);
        }
    }

    [Theory]
    [InlineData(1, 10)]      // 10 s x 2^0
    [InlineData(2, 20)]
    [InlineData(4, 80)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]   // 5120 s, capped by RetryMaxDelay
    [InlineData(30, 3600)]
    public void NextAttempt_ManySamples_DelayIsBetweenOneSecondAndTheBackoffCeiling(int attemptsMade, int ceilingSeconds)
    {
        var policy = Policy(maxAttempts: 100);
        var ceiling = Duration.FromSeconds(ceilingSeconds);
        var longest = Duration.Zero;

        for (var i = 0; i < Samples; i++)
        {
            var delay = policy.NextAttempt(attemptsMade, Now, FarDeadline)!.Value - Now;
            Assert.InRange(delay, Duration.FromSeconds(1), ceiling);
            longest = Duration.Max(longest, delay);
        }

        // Full jitter spreads over the whole range: 2,000 samples all in the lower half has probability 2^-2000.
        Assert.True(longest > ceiling / 2, $"longest delay {longest} of {Samples} samples is not above half of {ceiling}");
    }

    [Fact]
    public void NextAttempt_CeilingOfOneSecond_AlwaysWaitsExactlyOneSecond()
    {
        var policy = Policy(baseSeconds: 1, maxSeconds: 1);

        for (var i = 0; i < Samples; i++)
        {
            Assert.Equal(Now + Duration.FromSeconds(1), policy.NextAttempt(3, Now, FarDeadline));
        }
    }
}
