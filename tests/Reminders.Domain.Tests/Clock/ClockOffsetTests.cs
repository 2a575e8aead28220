using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Reminders.Grains.Clock;

namespace Reminders.Domain.Tests.Clock;

/// <summary>The clock offset that tests of clock skew give a silo: ahead or behind the real clock, at its speed.</summary>
public sealed class ClockOffsetTests
{
    private static readonly DateTimeOffset RealNow = DateTimeOffset.Parse("2026-11-24T10:00:00Z", CultureInfo.InvariantCulture);

    private readonly ClockOptionsValidator _validator = new();

    [Theory]
    [InlineData("00:00:30")]
    [InlineData("-00:00:30")]
    public void Offset_FromConfiguration_RunsTheClockThatFarFromTheRealOne(string offset)
    {
        var real = new FakeTimeProvider(RealNow);
        var options = ClockOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Reminders:Clock:Offset"] = offset })
            .Build());

        var clock = options.CreateClock(real);
        real.Advance(TimeSpan.FromMinutes(5));

        Assert.True(options.TimeTravels);
        Assert.Equal(RealNow + TimeSpan.FromMinutes(5) + TimeSpan.Parse(offset, CultureInfo.InvariantCulture), clock.GetUtcNow());
    }

    [Theory]
    [InlineData(1.0001)]
    [InlineData(-1.0001)]
    public void Validate_OffsetBeyondADay_FailsNamingTheKey(double days)
    {
        var failure = Assert.Single(_validator.Validate(null, new ClockOptions { Offset = TimeSpan.FromDays(days) }).Failures!);

        Assert.StartsWith("Reminders:Clock:Offset must be at most a day either way", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OffsetWithStartAt_Fails()
    {
        var options = new ClockOptions { Offset = TimeSpan.FromSeconds(30), StartAt = "2027-03-14T06:59:00Z" };

        Assert.Contains("cannot be combined with StartAt", Assert.Single(_validator.Validate(null, options).Failures!), StringComparison.Ordinal);
    }
}
