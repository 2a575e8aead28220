namespace Reminders.FaultInjection.Tests;

/// <summary>Validation names every problem; draws map to consecutive intervals of the shares.</summary>
public sealed class FaultProfileTests
{
    public static TheoryData<FaultProfile, string> BadProfiles => new()
    {
        { new FaultProfile { ErrorShare = -0.1 }, "ErrorShare must be between 0 and 1, not -0.1" },
        { new FaultProfile { HangShare = 1.5 }, "HangShare must be between 0 and 1, not 1.5" },
        { new FaultProfile { SlowShare = double.NaN }, "SlowShare must be between 0 and 1, not NaN" },
        { new FaultProfile { ThrottleShare = double.PositiveInfinity }, "ThrottleShare must be between 0 and 1" },
        { new FaultProfile { ErrorShare = 0.5, HangShare = 0.3, SlowShare = 0.2, ThrottleShare = 0.1 }, "the shares sum to 1.1, more than 1" },
        { new FaultProfile { HangDuration = TimeSpan.Zero }, "HangDuration must be above zero and at most a day" },
        { new FaultProfile { HangDuration = TimeSpan.FromDays(2) }, "HangDuration must be above zero and at most a day" },
        { new FaultProfile { SlowDelay = TimeSpan.FromSeconds(-1) }, "SlowDelay must be between zero and a day" },
        { new FaultProfile { RetryAfterSeconds = -1 }, "RetryAfterSeconds must be between 0 and 86400, not -1" },
        { new FaultProfile { DuplicateStatus = 102 }, "DuplicateStatus must be a final status code (200 to 599), not 102" },
        { new FaultProfile { DuplicateStatus = 600 }, "DuplicateStatus must be a final status code (200 to 599), not 600" },
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public void Validate_BadProfile_ThrowsNamingTheProblem(FaultProfile profile, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => profile.Validate());

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Single(profile.Problems());
    }

    [Fact]
    public void Validate_SeveralProblems_NamesEachOne() =>
        Assert.Equal(3, new FaultProfile { ErrorShare = 2, RetryAfterSeconds = -5, SlowDelay = TimeSpan.FromDays(-1) }.Problems().Count);

    [Fact]
    public async Task StartAsync_BadProfile_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => FaultyReceiver.StartAsync(new FaultProfile { ErrorShare = 1, HangShare = 0.5 }));

    [Theory]
    [InlineData(0.1, 0.2, 0.3, 0.4)] // sums to 1.0000000000000002 in binary floating point
    [InlineData(1, 0, 0, 0)]
    [InlineData(0, 0, 0, 0)]
    public void Validate_SharesSummingToAtMostOne_Passes(double errors, double hangs, double slow, double throttle)
    {
        var profile = new FaultProfile { ErrorShare = errors, HangShare = hangs, SlowShare = slow, ThrottleShare = throttle };

        Assert.Same(profile, profile.Validate());
    }

    // Shares that binary floating point holds exactly, so the bounds are where they are written.
    [Theory]
    [InlineData(0.0, FaultOutcome.Error)]
    [InlineData(0.124, FaultOutcome.Error)]
    [InlineData(0.125, FaultOutcome.Hang)]
    [InlineData(0.374, FaultOutcome.Hang)]
    [InlineData(0.375, FaultOutcome.Slow)]
    [InlineData(0.749, FaultOutcome.Slow)]
    [InlineData(0.75, FaultOutcome.Throttle)]
    [InlineData(0.874, FaultOutcome.Throttle)]
    [InlineData(0.875, FaultOutcome.Ok)]
    [InlineData(0.999, FaultOutcome.Ok)]
    public void Draw_Uniform_FallsInTheShareItLandsIn(double uniform, FaultOutcome expected)
    {
        var profile = new FaultProfile { ErrorShare = 0.125, HangShare = 0.25, SlowShare = 0.375, ThrottleShare = 0.125 };

        Assert.Equal(expected, profile.Draw(uniform));
    }

    [Fact]
    public void Defaults_AreThoseOfTheIssue()
    {
        var profile = new FaultProfile();

        Assert.Equal(
            (0.0, 0.0, 0.0, 0.0, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2), 5, 200, (int?)null),
            (profile.ErrorShare, profile.HangShare, profile.SlowShare, profile.ThrottleShare, profile.HangDuration, profile.SlowDelay,
                profile.RetryAfterSeconds, profile.DuplicateStatus, profile.Seed));
    }
}
