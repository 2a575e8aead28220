using NodaTime;
using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests;

/// <summary>Builds the yearly series the tests schedule: user "ada", 09:00 local unless told otherwise.</summary>
internal static class Series
{
    public static AnnualSeries Annual(
        string kind,
        string zone,
        int month,
        int day,
        int hour = 9,
        int minute = 0,
        Duration? catchUpWindow = null) =>
        new(
            kind,
            OccurrenceKeys.UserEntity("ada"),
            new AnnualDate(month, day),
            new LocalTime(hour, minute),
            Time.Zone(zone),
            catchUpWindow ?? Duration.FromDays(2),
            "ada@example.com",
            $"Hey, Ada Lovelace ({kind})");

    public static bool NoneKnown(string key) => false;
}
