using NodaTime;

namespace Reminders.Grains.Recurrence;

/// <summary>
/// RFC 5545 week numbering with a configurable week start (WKST): week 1 is the first week that has at
/// least four days in the year, as in ISO 8601.
/// </summary>
public static class WeekNumbers
{
    public static LocalDate StartOfWeek(LocalDate date, IsoDayOfWeek weekStart) =>
        date.PlusDays(-(((int)date.DayOfWeek - (int)weekStart + 7) % 7));

    /// <summary>True when <paramref name="date"/> lies in one of <paramref name="weeks"/> of <paramref name="year"/> (negative counts from the end).</summary>
    public static bool Matches(LocalDate date, int year, IsoDayOfWeek weekStart, IReadOnlyList<int> weeks)
    {
        var firstWeek = FirstWeekStart(year, weekStart);
        var weeksInYear = Period.Between(firstWeek, FirstWeekStart(year + 1, weekStart), PeriodUnits.Days).Days / 7;
        var daysIn = Period.Between(firstWeek, date, PeriodUnits.Days).Days;
        if (daysIn < 0)
        {
            return false;
        }

        var week = daysIn / 7 + 1;
        return week <= weeksInYear && weeks.Any(n => week == (n > 0 ? n : weeksInYear + n + 1));
    }

    /// <summary>The first day of week 1 of <paramref name="year"/>.</summary>
    public static LocalDate FirstWeekStart(int year, IsoDayOfWeek weekStart)
    {
        var januaryFirst = new LocalDate(year, 1, 1);
        var start = StartOfWeek(januaryFirst, weekStart);

        // The week holding January 1 is week 1 only if at least four of its days are in the new year.
        return Period.Between(start, januaryFirst, PeriodUnits.Days).Days <= 3 ? start : start.PlusWeeks(1);
    }
}
