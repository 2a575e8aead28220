using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reminders.Grains.Clock;

namespace Reminders.Domain.Tests.Clock;

/// <summary>When time travels, and the settings that stop the host at startup with a message naming the key.</summary>
public sealed class ClockOptionsTests
{
    private static readonly DateTimeOffset RealNow = DateTimeOffset.Parse("2026-11-24T10:00:00Z", CultureInfo.InvariantCulture);

    private readonly ClockOptionsValidator _validator = new();

    [Fact]
    public void Defaults_AreValidAndDoNotTravel()
    {
        var options = new ClockOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.False(options.TimeTravels);
    }

    [Theory]
    [InlineData("2027-03-14T06:59:00Z", "2027-03-14T06:59:00Z")]
    [InlineData("2027-03-14T07:59:00+01:00", "2027-03-14T06:59:00Z")]
    [InlineData("2027-03-14T01:29:00.5-05:30", "2027-03-14T06:59:00.5Z")]
    [InlineData(" 2027-03-14T06:59:00Z ", "2027-03-14T06:59:00Z")]
    public void StartAt_AnInstantWithZOrAnOffset_TravelsFromThatInstant(string startAt, string expected)
    {
        var options = new ClockOptions { StartAt = startAt, Speed = 60 };

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.True(options.TimeTravels);
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), options.CreateClock(new FakeTimeProvider(RealNow)).GetUtcNow());
    }

    [Fact]
    public void StartAt_WithSpeedOne_Travels()
    {
        var options = new ClockOptions { StartAt = "2027-03-14T06:59:00Z" };

        Assert.True(options.TimeTravels);
        Assert.Equal(1, options.CreateClock(new FakeTimeProvider(RealNow)).Speed);
    }

    [Fact]
    public void Speed_WithoutStartAt_TravelsFromTheRealNow()
    {
        var real = new FakeTimeProvider(RealNow);
        var options = new ClockOptions { Speed = 60 };

        var clock = options.CreateClock(real);
        real.Advance(TimeSpan.FromSeconds(1));

        Assert.True(options.TimeTravels);
        Assert.Equal(RealNow + TimeSpan.FromMinutes(1), clock.GetUtcNow());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void SpeedOne_WithoutStartAt_DoesNotTravel(string? startAt) =>
        Assert.False(new ClockOptions { StartAt = startAt, Speed = 1 }.TimeTravels);

    [Theory]
    [InlineData("2027-03-14T06:59:00")] // no offset: whose 06:59?
    [InlineData("2027-03-14 06:59:00Z")]
    [InlineData("2027-03-14T06:59Z")]
    [InlineData("2027-03-14")]
    [InlineData("14/03/2027 06:59")]
    [InlineData("tomorrow")]
    public void Validate_StartAtNotAnInstant_FailsNamingTheKey(string startAt)
    {
        var failure = Assert.Single(_validator.Validate(null, new ClockOptions { StartAt = startAt }).Failures!);

        Assert.Equal(
            "Reminders:Clock:StartAt must be an ISO-8601 instant with Z or an offset, such as 2027-03-14T06:59:00Z or " +
            $"2027-03-14T07:59:00+01:00; got '{startAt}'.",
            failure);
    }

    [Theory]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("9000-01-01T00:00:00Z")]
    public void Validate_StartAtOutsideTheSupportedYears_Fails(string startAt)
    {
        var failure = Assert.Single(_validator.Validate(null, new ClockOptions { StartAt = startAt }).Failures!);

        Assert.Equal($"Reminders:Clock:StartAt must lie between 1970 and 9000; got '{startAt}'.", failure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(3600.001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_SpeedOutOfRange_FailsNamingTheKey(double speed)
    {
        var failure = Assert.Single(_validator.Validate(null, new ClockOptions { Speed = speed }).Failures!);

        Assert.StartsWith("Reminders:Clock:Speed must be above 0 and at most 3600 (service seconds per real second); got ", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(3600)]
    public void Validate_SpeedInRange_Succeeds(double speed) =>
        Assert.True(_validator.Validate(null, new ClockOptions { Speed = speed }).Succeeded);

    [Fact]
    public void From_Configuration_BindsBothSettings()
    {
        var options = ClockOptions.From(Configuration(("Reminders:Clock:StartAt", "2027-03-14T06:59:00Z"), ("Reminders:Clock:Speed", "60")));

        Assert.Equal(("2027-03-14T06:59:00Z", 60.0, true), (options.StartAt, options.Speed, options.TimeTravels));
    }

    [Fact]
    public void From_EmptyConfiguration_DoesNotTravel() =>
        Assert.False(ClockOptions.From(Configuration()).TimeTravels);

    [Fact]
    public void From_InvalidSettings_ThrowsWithEveryProblem()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            ClockOptions.From(Configuration(("Reminders:Clock:StartAt", "next tuesday"), ("Reminders:Clock:Speed", "0"))));

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains("Reminders:Clock:StartAt", error.Message, StringComparison.Ordinal);
        Assert.Contains("Reminders:Clock:Speed", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
}
