using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;

namespace Reminders.Grains.Catalog;

/// <summary>
/// Says a rule in English for people scanning a list: "birthday every year on 14 March at 09:00 Europe/London",
/// "every weekday at 09:00 America/New_York", "on 2027-03-01 at 10:00 UTC". RRULE parts it cannot phrase are
/// appended as they were written, so the text never claims less (or more) than the rule says.
/// </summary>
public static class RuleText
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;
    private static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    // Parts with no phrase here; they are appended verbatim. WKST changes nothing a reader needs in these phrases.
    private static readonly HashSet<string> Unphrased = new(StringComparer.OrdinalIgnoreCase) { "BYSETPOS", "BYYEARDAY", "BYWEEKNO", "BYSECOND" };

    /// <summary>A yearly event of a user: "birthday every year on 14 March at 09:00 Europe/London".</summary>
    public static string Annual(string kind, LocalDate date, LocalTime time, string zone, InvalidDatePolicy invalidDate)
    {
        var day = DayAndMonth(date.Day, date.Month);
        if (date is { Month: 2, Day: 29 })
        {
            day += invalidDate switch
            {
                InvalidDatePolicy.Backward => " (28 February in common years)",
                InvalidDatePolicy.Forward => " (1 March in common years)",
                _ => " (leap years only)",
            };
        }

        return $"{kind} every year on {day} at {Time(time)} {zone}";
    }

    /// <summary>A schedule: its RRULE in words, or the one date-time of a one-shot.</summary>
    public static string Schedule(LocalDateTime start, string? rule, string zone)
    {
        if (rule is null)
        {
            return $"on {IsoDate.Format(start.Date)} at {Time(start.TimeOfDay)} {zone}";
        }

        if (!RecurrenceRuleParser.TryParse(rule, out var parsed, out _))
        {
            return $"RRULE {rule} from {IsoDate.Format(start.Date)} {Time(start.TimeOfDay)} {zone}";
        }

        var words = new List<string> { Repeat(parsed, start) };
        if (parsed.ByMonth.Count > 0)
        {
            words.Add("in " + List(parsed.ByMonth.Select(MonthName)));
        }

        if (parsed.Frequency != Frequency.Hourly)
        {
            words.Add("at " + Times(parsed, start.TimeOfDay));
        }

        words.Add(zone);
        if (parsed.Count is { } count)
        {
            words[^1] += string.Create(English, $", {count} times");
        }
        else if (parsed.Until is { } until)
        {
            words[^1] += until.Utc is { } utc ? $", until {InstantPattern.General.Format(utc)}" : $", until {LocalDateTimePattern.GeneralIso.Format(until.Local!.Value)}";
        }

        var unphrased = rule.Split(';').Where(p => Unphrased.Contains(p.Split('=')[0].Trim())).ToList();
        if (unphrased.Count > 0)
        {
            words.Add($"({string.Join(';', unphrased)})");
        }

        return string.Join(' ', words);
    }

    /// <summary>"every weekday", "every 2 weeks on Monday and Thursday", "every month on the 1st and 15th", "every year on 14 March".</summary>
    private static string Repeat(RecurrenceRule rule, LocalDateTime start)
    {
        var plainDays = rule.ByDay.Where(d => d.Ordinal == 0).Select(d => d.Day).ToList();
        if (rule.Interval == 1 && rule.Frequency is Frequency.Daily or Frequency.Weekly
            && rule.ByDay.Count == 5 && plainDays.Order().SequenceEqual(Weekdays) && rule.ByMonthDay.Count == 0)
        {
            return "every weekday";
        }

        var every = rule.Frequency switch
        {
            Frequency.Hourly => Every(rule.Interval, "hour"),
            Frequency.Daily => Every(rule.Interval, "day"),
            Frequency.Weekly => Every(rule.Interval, "week"),
            Frequency.Monthly => Every(rule.Interval, "month"),
            _ => Every(rule.Interval, "year"),
        };

        var on = new List<string>();
        if (rule.ByDay.Count > 0)
        {
            on.Add(List(rule.ByDay.Select(d => d.Ordinal == 0 ? DayName(d.Day) : $"the {Ordinal(d.Ordinal)} {DayName(d.Day)}")));
        }

        if (rule.ByMonthDay.Count > 0)
        {
            on.Add("the " + List(rule.ByMonthDay.Select(d => d == -1 ? "last day" : d < 0 ? $"{Ordinal(d)} day" : Ordinal(d))));
        }

        // Without BY parts, the start says which day: the same weekday, day of the month or date as DTSTART.
        if (on.Count == 0 && rule.ByMonth.Count == 0)
        {
            switch (rule.Frequency)
            {
                case Frequency.Weekly:
                    on.Add(DayName(start.DayOfWeek));
                    break;
                case Frequency.Monthly:
                    on.Add("the " + Ordinal(start.Day));
                    break;
                case Frequency.Yearly:
                    on.Add(DayAndMonth(start.Day, start.Month));
                    break;
                case Frequency.Hourly:
                    return $"{every} from {Time(start.TimeOfDay)}";
            }
        }
        else if (on.Count == 0 && rule.Frequency == Frequency.Yearly)
        {
            on.Add("the " + Ordinal(start.Day));
        }

        return on.Count == 0 ? every : $"{every} on {string.Join(" and ", on)}";
    }

    private static string Times(RecurrenceRule rule, LocalTime start)
    {
        var hours = rule.ByHour.Count > 0 ? rule.ByHour.Order().ToList() : [start.Hour];
        var minutes = rule.ByMinute.Count > 0 ? rule.ByMinute.Order().ToList() : [start.Minute];
        var second = rule.BySecond.Count > 0 ? 0 : start.Second;
        return List(hours.SelectMany(h => minutes.Select(m => Time(new LocalTime(h, m, second)))));
    }

    private static string Every(int interval, string unit) =>
        interval == 1 ? $"every {unit}" : string.Create(English, $"every {interval} {unit}s");

    private static string Time(LocalTime time) =>
        time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", English);

    private static string DayAndMonth(int day, int month) => string.Create(English, $"{day} {MonthName(month)}");

    private static string MonthName(int month) => English.DateTimeFormat.GetMonthName(month);

    private static string DayName(IsoDayOfWeek day) => day.ToString();

    private static string Ordinal(int n)
    {
        if (n == -1)
        {
            return "last";
        }

        if (n < 0)
        {
            return Ordinal(-n) + " to last";
        }

        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return string.Create(English, $"{n}{suffix}");
    }

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }
}
