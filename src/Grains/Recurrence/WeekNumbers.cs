using NodaTime;

namespace Reminders.Grains.Recurrence;

/// <summary>
/// RFC 5545 week numbering with a configurable week start (WKST): week 1 is the first week that has at
/// least four days in the year, as in ISO 8601. So a week-numbering year can begin up to three days before
/// January 1 and end up to three days after December 31: 2018-12-31 is in week 1 of 2019, 2021-01-03 in
/// week 53 of 2020.
/// </summary>
public static class WeekNumbers
{
    public static LocalDate StartOfWeek(LocalDate date, IsoDayOfWeek weekStart) =>
        date.PlusDays(-(((int)date.DayOfWeek - (int)weekStart + 7) % 7));

    /// <summary>The first day of week 1 of <paramref name="year"/>.</summary>
    public static LocalDate FirstWeekStart(int year, IsoDayOfWeek weekStart)
    {
        var januaryFirst = new LocalDate(year, 1, 1);
        var start = StartOfWeek(januaryFirst, weekStart);

        // The week holding January 1 is week 1 only if at least four of its days are in the new year.
        return Period.DaysBetween(start, januaryFirst) <= 3 ? start : start.PlusWeeks(1);
    }
}
