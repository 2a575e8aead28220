using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Reminders.Api.Schedules;

/// <summary>The wire names of policy values (enum names in camelCase) and of durations (ISO 8601, such as <c>P2D</c> or <c>PT6H</c>).</summary>
public static class PolicyNames
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static IReadOnlyList<string> Names<TEnum>() where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(Name)];

    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string Duration(Duration value)
    {
        var seconds = (long)value.TotalSeconds;
        var period = Period.FromDays((int)(seconds / 86_400)) + Period.FromHours(seconds / 3_600 % 24) + Period.FromMinutes(seconds / 60 % 60) + Period.FromSeconds(seconds % 60);
        return seconds == 0 ? "PT0S" : PeriodPattern.NormalizingIso.Format(period);
    }

    /// <summary>Parses an ISO 8601 duration of days, hours, minutes and seconds (no years or months: they have no fixed length).</summary>
    public static Duration? ParseDuration(string text)
    {
        var parsed = PeriodPattern.NormalizingIso.Parse(text);
        return parsed.Success && parsed.Value is { Years: 0, Months: 0 } period ? period.ToDuration() : null;
    }
}
