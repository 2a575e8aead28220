using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Scheduling;
using Reminders.Grains.Users;

namespace Reminders.Domain.Tests;

/// <summary>A user's definition becomes a birthday series, plus an anniversary series when one is given.</summary>
public sealed class UserScheduleTests
{
    private static readonly UserDefinition Ada = new(
        "Ada", "Lovelace", "ada@example.com", new LocalDate(1815, 12, 10), new LocalDate(1835, 7, 8), "Europe/London");

    private static UserSchedule Schedule(EventsOptions? events = null) =>
        new(Options.Create(events ?? new EventsOptions()), DateTimeZoneProviders.Tzdb);

    [Fact]
    public void SeriesFor_UserWithAnniversary_YieldsBirthdayAndAnniversaryWithRenderedTemplates()
    {
        var series = Schedule().SeriesFor("ada", Ada);

        Assert.Equal(
            [
                (EventKinds.Birthday, "ada@example.com", "Hey, Ada Lovelace it's your birthday", Duration.FromDays(2)),
                (EventKinds.Anniversary, "ada@example.com", "Hey, Ada Lovelace happy anniversary", Duration.FromDays(2)),
            ],
            series.Select(s => (s.Kind, s.Delivery.Recipient["email"], s.Delivery.Message, s.CatchUpWindow)));
    }

    [Fact]
    public void SeriesFor_UserWithAnniversary_SchedulesEachOnItsDateAt0900InTheUsersZone()
    {
        var series = Schedule().SeriesFor("ada", Ada);

        var birthday = series[0].Next(Time.Utc("2026-01-01T00:00:00Z"), Series.NoneKnown);
        var anniversary = series[1].Next(Time.Utc("2026-01-01T00:00:00Z"), Series.NoneKnown);

        Assert.Equal(("user:ada:birthday:2026", Time.At("2026-12-10T09:00:00+00:00")), (birthday.Key, Time.In(birthday.Due, Time.Zone("Europe/London"))));
        Assert.Equal(("user:ada:anniversary:2026", Time.At("2026-07-08T09:00:00+01:00")), (anniversary.Key, Time.In(anniversary.Due, Time.Zone("Europe/London"))));
    }

    [Fact]
    public void SeriesFor_UserWithoutAnniversary_YieldsOnlyTheBirthday()
    {
        var series = Schedule().SeriesFor("ada", Ada with { Anniversary = null });

        Assert.Equal(EventKinds.Birthday, Assert.Single(series).Kind);
    }

    [Fact]
    public void SeriesFor_ConfiguredLocalTimeTemplateAndWindow_AreApplied()
    {
        var events = new EventsOptions();
        events.Birthday.LocalTime = "07:30";
        events.Birthday.Template = "Dear {firstName}, {{happy birthday}} ({email})";
        events.Birthday.CatchUpWindow = TimeSpan.FromHours(6);

        var birthday = Schedule(events).SeriesFor("ada", Ada with { TimeZone = "Asia/Kathmandu" })[0];
        var next = birthday.Next(Time.Utc("2026-01-01T00:00:00Z"), Series.NoneKnown);

        Assert.Equal(Time.At("2026-12-10T07:30:00+05:45"), Time.In(next.Due, Time.Zone("Asia/Kathmandu")));
        Assert.Equal("Dear Ada, {happy birthday} (ada@example.com)", birthday.Delivery.Message);
        Assert.Equal(Duration.FromHours(6), birthday.CatchUpWindow);
    }
}
