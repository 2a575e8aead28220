namespace Reminders.Domain.Tests.Recurrence;

/// <summary>The rule text of cost bombs: BYxxx lists at their limits, and the rules an attacker sent.</summary>
internal static class CostRules
{
    public static readonly string Hours = Range(0, 23);
    public static readonly string Minutes = Range(0, 59);
    public static readonly string MonthDays = Signed(31);
    public static readonly string YearDays = Signed(366);
    public static readonly string Weeks = Signed(53);
    public static readonly string SetPositions = Signed(366);
    public static readonly string Months = Range(1, 12);
    public static readonly string Weekdays = "MO,TU,WE,TH,FR,SA,SU";

    /// <summary>The reported rule: every day, hour, minute and second of the year, and the last of them.</summary>
    public static readonly string Reported = $"FREQ=YEARLY;BYYEARDAY={Range(1, 366)};BYHOUR={Hours};BYMINUTE={Minutes};BYSECOND={Range(0, 59)};BYSETPOS=-1";

    /// <summary>Every weekday with every ordinal from 1 to <paramref name="max"/> and back, plus every weekday plain.</summary>
    public static string NthWeekdays(int max) =>
        string.Join(",", Weekdays.Split(',').SelectMany(d => Enumerable.Range(1, max).SelectMany(n => new[] { $"{n}{d}", $"-{n}{d}" }).Append(d)));

    public static string Range(int from, int to) => string.Join(",", Enumerable.Range(from, to - from + 1));

    public static string Signed(int max) => string.Join(",", Enumerable.Range(1, max).SelectMany(n => new[] { n, -n }));
}
