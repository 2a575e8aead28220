using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Reminders.Api.Validation;
using Reminders.Grains.Recurrence;

namespace Reminders.Api.Calendars;

/// <summary>Reads a calendar body, collecting every problem at once under the field's name (<c>dates[2]</c>, <c>rules[0]</c>).</summary>
public static class CalendarRequestReader
{
    public const int MaxDates = 1_000;
    public const int MaxRules = 50;

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");
    private static readonly LocalDate Earliest = new(1900, 1, 1);
    private static readonly LocalDate Latest = new(9000, 1, 1);
    private static readonly string[] Fields = ["id", "dates", "rules", "weekend"];

    public static CalendarRequest? Read(JsonElement body, string routeId, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, List<string>>();
        void Fail(string field, string message) =>
            (found.TryGetValue(field, out var list) ? list : found[field] = []).Add(message);

        foreach (var member in body.EnumerateObject().Where(m => !Fields.Contains(m.Name)))
        {
            Fail(member.Name, $"'{member.Name}' is not a field of a calendar; fields are dates, rules and weekend (and an optional id).");
        }

        JsonFields.ReadId(body, routeId, "calendar", Fail);
        var dates = ReadList(body, "dates", MaxDates, Fail, (text, field) => ParseDate(text, field, Fail));
        var rules = ReadList(body, "rules", MaxRules, Fail, (text, field) => CheckRule(text, field, Fail));
        var weekend = ReadList(body, "weekend", 7, Fail, (text, field) => ParseWeekday(text, field, Fail));
        if (weekend is { Count: 7 })
        {
            Fail("weekend", "weekend may not name all seven days: a calendar needs a business day.");
        }

        errors = found.ToDictionary(p => p.Key, p => p.Value.ToArray());
        return errors.Count > 0 ? null : new CalendarRequest(dates!, [.. rules!.Select(r => r.Value)], weekend!);
    }

    // An absent or null list is empty; duplicates are refused, so what is stored is what was meant.
    private static List<T>? ReadList<T>(JsonElement body, string field, int max, Action<string, string> fail, Func<string, string, T?> parse)
        where T : struct
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            fail(field, $"{field} must be an array of strings.");
            return null;
        }

        if (value.GetArrayLength() > max)
        {
            fail(field, string.Create(CultureInfo.InvariantCulture, $"{field} may hold at most {max} items."));
            return null;
        }

        var items = new List<T>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{field}[{index++}]");
            if (element.ValueKind != JsonValueKind.String)
            {
                fail(name, $"{name} must be a string.");
            }
            else if (parse(element.GetString()!, name) is { } item)
            {
                if (items.Contains(item))
                {
                    fail(name, $"{name} repeats an earlier item.");
                }

                items.Add(item);
            }
        }

        return items;
    }

    private static LocalDate? ParseDate(string text, string field, Action<string, string> fail)
    {
        if (DatePattern.Parse(text) is { Success: true } parsed && DatePattern.Format(parsed.Value) == text
            && parsed.Value >= Earliest && parsed.Value < Latest)
        {
            return parsed.Value;
        }

        fail(field, $"{field} must be a date written YYYY-MM-DD, from 1900-01-01 up to 9000-01-01.");
        return null;
    }

    private static IsoDayOfWeek? ParseWeekday(string text, string field, Action<string, string> fail)
    {
        if (RecurrenceRuleParser.TryParseWeekday(text, out var day))
        {
            return day;
        }

        fail(field, $"{field} must be one of MO, TU, WE, TH, FR, SA, SU.");
        return null;
    }

    // Returns the rule as sent (stored as text); a rule that cannot be parsed, or names times of day, is refused.
    private static RuleText? CheckRule(string text, string field, Action<string, string> fail)
    {
        if (!RecurrenceRuleParser.TryParse(text, out var rule, out var error))
        {
            fail(field, $"{field} is not a valid RRULE: {error}");
            return null;
        }

        if (rule.Frequency == Frequency.Hourly
            || rule.ByHour.Count > 0 || rule.ByMinute.Count > 0 || rule.BySecond.Count > 0)
        {
            fail(field, $"{field} must give whole days: FREQ=DAILY or coarser, without BYHOUR, BYMINUTE or BYSECOND.");
            return null;
        }

        return new RuleText(text);
    }

    /// <summary>A rule's text, as a value so the list reader can refuse duplicates.</summary>
    private readonly record struct RuleText(string Value);
}
