using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Reminders.Grains.Recurrence;

/// <summary>
/// Parses an RFC 5545 RRULE value (with or without the <c>RRULE:</c> prefix). Every error names the part
/// that is wrong, so a client can fix it without guessing.
/// </summary>
public static class RecurrenceRuleParser
{
    /// <summary>More would make every wake expand a long prefix of the series; a schedule can be re-created instead.</summary>
    public const int MaxCount = 10_000;

    public const int MaxInterval = 1_000;

    /// <summary>
    /// Instances at least a minute apart, so at most 60 an hour: with one second the finest is one a minute
    /// (BYMINUTE=0,...,59). Two seconds would put two instances in one minute, whatever the FREQ.
    /// </summary>
    public const int MaxSeconds = 1;

    private static readonly LocalDateTimePattern UntilLocal = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss");
    private static readonly LocalDatePattern UntilDate = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    private static readonly Dictionary<string, IsoDayOfWeek> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MO"] = IsoDayOfWeek.Monday,
        ["TU"] = IsoDayOfWeek.Tuesday,
        ["WE"] = IsoDayOfWeek.Wednesday,
        ["TH"] = IsoDayOfWeek.Thursday,
        ["FR"] = IsoDayOfWeek.Friday,
        ["SA"] = IsoDayOfWeek.Saturday,
        ["SU"] = IsoDayOfWeek.Sunday,
    };

    public static bool TryParse(string text, [NotNullWhen(true)] out RecurrenceRule? rule, [NotNullWhen(false)] out string? error)
    {
        rule = null;
        try
        {
            rule = Parse(text);
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <exception cref="FormatException">The rule is not valid; the message says which part and why.</exception>
    public static RecurrenceRule Parse(string text)
    {
        var value = text.Trim();
        if (value.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            value = value["RRULE:".Length..];
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in value.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"\"{part}\" is not a NAME=VALUE rule part.");
            }

            var name = part[..equals].Trim().ToUpperInvariant();
            if (!parts.TryAdd(name, part[(equals + 1)..].Trim()))
            {
                throw new FormatException($"{name} appears more than once.");
            }
        }

        foreach (var name in parts.Keys.Where(n => !KnownParts.Contains(n)))
        {
            throw new FormatException(name is "SKIP" or "RSCALE"
                ? $"{name} is not supported in the rule; use policy.invalidDate (omit, backward, forward) instead."
                : $"{name} is not an RRULE part this service understands ({string.Join(", ", KnownParts)}).");
        }

        if (!parts.TryGetValue("FREQ", out var frequencyText))
        {
            throw new FormatException("FREQ is required (YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY).");
        }

        var frequency = frequencyText.ToUpperInvariant() switch
        {
            "YEARLY" => Frequency.Yearly,
            "MONTHLY" => Frequency.Monthly,
            "WEEKLY" => Frequency.Weekly,
            "DAILY" => Frequency.Daily,
            "HOURLY" => Frequency.Hourly,
            "MINUTELY" or "SECONDLY" => throw new FormatException($"FREQ={frequencyText.ToUpperInvariant()} is not supported; the most frequent is HOURLY (use BYMINUTE for several times an hour)."),
            _ => throw new FormatException($"FREQ: \"{frequencyText}\" is not YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY."),
        };

        var rule = new RecurrenceRule
        {
            Frequency = frequency,
            Interval = parts.TryGetValue("INTERVAL", out var interval) ? Integer("INTERVAL", interval, 1, MaxInterval) : 1,
            Count = parts.TryGetValue("COUNT", out var count) ? Integer("COUNT", count, 1, MaxCount) : null,
            Until = parts.TryGetValue("UNTIL", out var until) ? ParseUntil(until) : null,
            BySecond = List("BYSECOND", parts, 0, 59, allowNegative: false),
            ByMinute = List("BYMINUTE", parts, 0, 59, allowNegative: false),
            ByHour = List("BYHOUR", parts, 0, 23, allowNegative: false),
            ByDay = parts.TryGetValue("BYDAY", out var byDay) ? ParseByDay(byDay) : [],
            ByMonthDay = List("BYMONTHDAY", parts, 1, 31, allowNegative: true),
            ByYearDay = List("BYYEARDAY", parts, 1, 366, allowNegative: true),
            ByWeekNo = List("BYWEEKNO", parts, 1, 53, allowNegative: true),
            ByMonth = List("BYMONTH", parts, 1, 12, allowNegative: false),
            BySetPos = List("BYSETPOS", parts, 1, 366, allowNegative: true),
            WeekStart = parts.TryGetValue("WKST", out var weekStart) ? Weekday("WKST", weekStart) : IsoDayOfWeek.Monday,
        };

        CheckCombinations(rule);
        return rule;
    }

    private static readonly string[] KnownParts =
        ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"];

    private static void CheckCombinations(RecurrenceRule rule)
    {
        if (rule.BySecond.Count > MaxSeconds)
        {
            throw new FormatException(
                $"BYSECOND: at most {MaxSeconds} value ({rule.BySecond.Count} given): occurrences must be at least a minute apart, at most 60 an hour; use BYMINUTE for several times an hour.");
        }

        if (rule.Count is not null && rule.Until is not null)
        {
            throw new FormatException("COUNT and UNTIL cannot both be given (RFC 5545 3.3.10).");
        }

        if (rule.ByWeekNo.Count > 0 && rule.Frequency != Frequency.Yearly)
        {
            throw new FormatException("BYWEEKNO is only allowed with FREQ=YEARLY.");
        }

        if (rule.ByYearDay.Count > 0 && rule.Frequency is Frequency.Daily or Frequency.Weekly or Frequency.Monthly)
        {
            throw new FormatException("BYYEARDAY is not allowed with FREQ=DAILY, WEEKLY or MONTHLY.");
        }

        if (rule.ByMonthDay.Count > 0 && rule.Frequency == Frequency.Weekly)
        {
            throw new FormatException("BYMONTHDAY is not allowed with FREQ=WEEKLY.");
        }

        if (rule.ByDay.Any(d => d.Ordinal != 0))
        {
            if (rule.Frequency is not (Frequency.Monthly or Frequency.Yearly))
            {
                throw new FormatException("BYDAY: an ordinal such as 1MO or -1FR is only allowed with FREQ=MONTHLY or YEARLY.");
            }

            if (rule.Frequency == Frequency.Yearly && rule.ByWeekNo.Count > 0)
            {
                throw new FormatException("BYDAY: an ordinal such as 1MO cannot be combined with BYWEEKNO.");
            }

            if (rule.ByDay.Any(d => Math.Abs(d.Ordinal) > (rule.Frequency == Frequency.Monthly || rule.ByMonth.Count > 0 ? 5 : 53)))
            {
                throw new FormatException("BYDAY: the ordinal is out of range (at most 5 within a month, 53 within a year).");
            }
        }

        if (rule.BySetPos.Count > 0
            && rule is { BySecond.Count: 0, ByMinute.Count: 0, ByHour.Count: 0, ByDay.Count: 0, ByMonthDay.Count: 0, ByYearDay.Count: 0, ByWeekNo.Count: 0, ByMonth.Count: 0 })
        {
            throw new FormatException("BYSETPOS needs another BYxxx part to select from (RFC 5545 3.3.10).");
        }
    }

    private static RuleUntil ParseUntil(string text)
    {
        if (text.EndsWith('Z') && UntilLocal.Parse(text[..^1]) is { Success: true } utc)
        {
            return new RuleUntil(utc.Value.InUtc().ToInstant(), null);
        }

        if (UntilLocal.Parse(text) is { Success: true } local)
        {
            return new RuleUntil(null, local.Value);
        }

        if (UntilDate.Parse(text) is { Success: true } date)
        {
            return new RuleUntil(null, date.Value.At(LocalTime.MaxValue));
        }

        throw new FormatException($"UNTIL: \"{text}\" is not a date (YYYYMMDD), local date-time (YYYYMMDDTHHMMSS) or UTC date-time (YYYYMMDDTHHMMSSZ).");
    }

    private static WeekdayNumber[] ParseByDay(string text) =>
        [
            .. text.Split(',').Select(item =>
            {
                var entry = item.Trim();
                if (entry.Length < 2)
                {
                    throw new FormatException($"BYDAY: \"{entry}\" is not a weekday (MO, TU, WE, TH, FR, SA, SU) with an optional ordinal such as 1MO or -1FR.");
                }

                var day = Weekday("BYDAY", entry[^2..]);
                var ordinalText = entry[..^2];
                if (ordinalText.Length == 0)
                {
                    return new WeekdayNumber(0, day);
                }

                if (!int.TryParse(ordinalText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ordinal) || ordinal == 0)
                {
                    throw new FormatException($"BYDAY: \"{entry}\" has an ordinal that is not a non-zero integer.");
                }

                return new WeekdayNumber(ordinal, day);
            }).Distinct(),
        ];

    /// <summary>An RFC 5545 weekday (<c>MO</c> … <c>SU</c>, any case), as other inputs that name weekdays also write them.</summary>
    public static bool TryParseWeekday(string text, out IsoDayOfWeek day) => Weekdays.TryGetValue(text, out day);

    private static IsoDayOfWeek Weekday(string part, string text) =>
        Weekdays.TryGetValue(text.Trim(), out var day)
            ? day
            : throw new FormatException($"{part}: \"{text}\" is not a weekday (MO, TU, WE, TH, FR, SA, SU) with an optional ordinal such as 1MO or -1FR.");

    private static int[] List(string part, Dictionary<string, string> parts, int min, int max, bool allowNegative)
    {
        if (!parts.TryGetValue(part, out var text))
        {
            return [];
        }

        return [.. text.Split(',').Select(item =>
        {
            var value = Integer(part, item, allowNegative ? -max : min, max);
            return allowNegative && value == 0
                ? throw new FormatException($"{part}: 0 is not allowed; use {min} to {max} or -{max} to -{min}.")
                : value;
        }).Distinct()];
    }

    private static int Integer(string part, string text, int min, int max) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"{part}: \"{text.Trim()}\" is not an integer from {min} to {max}.");
}
