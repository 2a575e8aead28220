using System.Text.Json;

namespace Reminders.Api.Tests;

/// <summary>Schedule bodies that cost a lot to accept: the reported attacks and the worst rules still allowed.</summary>
public static class CostBodies
{
    public static readonly string Hours = Range(0, 23);
    public static readonly string Minutes = Range(0, 59);
    public static readonly string YearDays = Range(1, 366);

    /// <summary>Every day, hour, minute and second of the year, and the last of them: 11 s and 4.4 GB to create.</summary>
    public static readonly string ReportedSetPosRule = $"FREQ=YEARLY;BYYEARDAY={YearDays};BYHOUR={Hours};BYMINUTE={Minutes};BYSECOND={Range(0, 59)};BYSETPOS=-1";

    /// <summary>HOURLY with every minute and every second: a tick a second, past the refusal of SECONDLY.</summary>
    public static readonly string EverySecondRule = $"FREQ=HOURLY;BYMINUTE={Minutes};BYSECOND={Range(0, 59)}";

    /// <summary>Never matches from a 09:00 start (every other hour is odd), and searched 400 years of hours.</summary>
    public const string NeverMatchingHourlyRule = "FREQ=HOURLY;INTERVAL=2;BYHOUR=10";

    /// <summary>4,000 characters of placeholders, each filled by a 1,000-character value: 1.3 MB per occurrence.</summary>
    public static string PlaceholderBomb(string? id = null) => Body(id, "FREQ=DAILY", string.Concat(Enumerable.Repeat("{a}", 1_333)), new string('x', 1_000));

    public static string Body(string? id, string rule, string message = "m", string value = "v")
    {
        var body = new Dictionary<string, object>
        {
            ["kind"] = "custom",
            ["timezone"] = "America/New_York",
            ["start"] = "2026-12-01T09:00:00",
            ["rrule"] = rule,
            ["recipient"] = new Dictionary<string, string> { ["a"] = value },
            ["message"] = message,
        };
        if (id is not null)
        {
            body["id"] = id;
        }

        return JsonSerializer.Serialize(body);
    }

    public static string Range(int from, int to) => string.Join(",", Enumerable.Range(from, to - from + 1));
}
