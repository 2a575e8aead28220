using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Reminders;
using Reminders.Grains.Clock;

namespace Reminders.Api.Tests;

/// <summary>The API host started with <c>Reminders:Clock:StartAt</c> and <c>Speed</c>, on its own clock (no fake).</summary>
public sealed class TimeTravelFixture : ApiFixture
{
    public const string StartAt = "2040-03-14T06:59:00Z";
    public const double Speed = 60;

    private readonly Stopwatch _sinceBeforeStart = new();

    public CapturedLogs Logs { get; } = new();

    /// <summary>The most service time that can have passed: the clock was created after this stopwatch started.</summary>
    public TimeSpan MaxServiceTimeElapsed => _sinceBeforeStart.Elapsed * Speed;

    protected override ApiFactory CreateFactory()
    {
        _sinceBeforeStart.Start();
        return new ApiFactory(Database, clock: null, Receiver.Url, new Dictionary<string, string>
        {
            ["Reminders:Clock:StartAt"] = StartAt,
            ["Reminders:Clock:Speed"] = Speed.ToString(CultureInfo.InvariantCulture),
        }, Logs);
    }
}

public sealed class TimeTravelTests(TimeTravelFixture api) : IClassFixture<TimeTravelFixture>
{
    private static readonly DateTimeOffset StartAt = DateTimeOffset.Parse(TimeTravelFixture.StartAt, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_ReportsTimeTravelAndAServiceClockJustPastStartAt(string path)
    {
        var response = await api.Client.GetAsync(path);
        var maxElapsed = api.MaxServiceTimeElapsed;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var clock = (await Json.ReadAsync(response)).GetProperty("clock");
        Assert.Equal("timeTravel", clock.GetProperty("mode").GetString());
        Assert.Equal(TimeTravelFixture.StartAt, clock.GetProperty("startAt").GetString());
        Assert.Equal(TimeTravelFixture.Speed, clock.GetProperty("speed").GetDouble());
        var now = DateTimeOffset.Parse(clock.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(now, StartAt, StartAt + maxElapsed);
    }

    [Fact]
    public void Logs_EveryLineCarriesTheMarker_AndOneWarningSaysTimeTravelIsOn()
    {
        var lines = api.Logs.Lines;

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith(
            "[time travel: x60 from 2040-03-14T06:59:00Z, service clock 2040-03-14T", line.Message, StringComparison.Ordinal));
        var notice = Assert.Single(lines, l => l.Message.Contains("Time travel is on", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, notice.Level);

        // The structured state is the logger's own, not the marked text.
        Assert.Contains(notice.State, p => p.Key == "Speed" && p.Value is 60.0);
        Assert.Contains(notice.State, p => p.Key == "{OriginalFormat}" && p.Value is string format && format.StartsWith("Time travel is on", StringComparison.Ordinal));
    }

    [Fact]
    public void Clocks_GrainsAndRemindersTravel_TheRestOfTheRuntimeKeepsRealTime()
    {
        var services = api.Factory.Services;
        var clock = Assert.IsType<TravellingTimeProvider>(services.GetRequiredService<TimeProvider>());

        Assert.Same(clock, services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Grains));
        Assert.Same(clock, services.GetRequiredKeyedService<TimeProvider>(ReminderTimeProviderNames.Reminders));
        Assert.All(
            [TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
                TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory, "Some.Future.Area"],
            key => Assert.Same(TimeProvider.System, services.GetRequiredKeyedService<TimeProvider>(key)));

        // Placement is timed on the unkeyed clock, so its deadlines are stretched to stay 30 s and 100 ms of real time.
        var messaging = services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value;
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(6)), (messaging.PlacementTimeout, messaging.PlacementRetryBaseDelay));
    }

    [Fact]
    public async Task CreateUser_ValidatesAndArmsTheReminderOnTheServiceClock()
    {
        // 2040-03-01 is in the real future but already past on the service clock; a birthday today (service date) is due at 09:00.
        var body = new
        {
            id = "traveller",
            firstName = "Ada",
            lastName = "Lovelace",
            email = "ada@example.com",
            birthday = "1990-03-14",
            anniversary = "2040-03-01",
            timezone = "UTC",
        };

        var response = await api.CreateAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var upcoming = (await Json.ReadAsync(response)).GetProperty("upcoming");
        Assert.Equal("2040-03-14T09:00:00Z", upcoming[0].GetProperty("dueUtc").GetString());

        // The reminder service computed the row's start from its own clock plus the grain's due time: both travel.
        var reminderStart = await api.Database.ScalarAsync<DateTime>(
            "SELECT starttime FROM orleansreminderstable WHERE serviceid = @s", ("s", api.Factory.ServiceId));
        Assert.InRange(new DateTimeOffset(reminderStart, TimeSpan.Zero),
            DateTimeOffset.Parse("2040-03-14T08:59:00Z", CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2040-03-14T09:01:00Z", CultureInfo.InvariantCulture));
    }
}
