using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using NodaTime;

namespace Reminders.Api.Validation;

/// <summary>
/// Resolves client-supplied zone ids against NodaTime's TZDB, case-insensitively, to the canonical
/// spelling. Abbreviations (EST, PST, AEST, EST5EDT...) are refused even where TZDB happens to define
/// one: they name an offset or a US rule, rarely what the client meant.
/// </summary>
public sealed partial class TimeZoneIds(IDateTimeZoneProvider zones)
{
    private static readonly HashSet<string> AllowedShortIds = new(StringComparer.OrdinalIgnoreCase) { "UTC", "GMT" };

    private readonly Dictionary<string, string> _canonical = zones.Ids.ToDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);

    public bool TryResolve(string input, [NotNullWhen(true)] out string? zoneId, [NotNullWhen(false)] out string? error)
    {
        zoneId = null;
        if (AbbreviationPattern().IsMatch(input) && !AllowedShortIds.Contains(input))
        {
            error = $"'{input}' looks like a zone abbreviation, which is ambiguous and ignores daylight saving. " +
                    "Use an IANA region id such as 'America/New_York', 'Europe/London' or 'Australia/Melbourne'.";
            return false;
        }

        if (_canonical.TryGetValue(input, out zoneId))
        {
            error = null;
            return true;
        }

        error = $"'{input}' is not a known IANA time zone id (for example 'America/New_York').";
        return false;
    }

    [GeneratedRegex("^[A-Za-z]{2,5}([0-9]{1,2}([A-Za-z]{2,5})?)?$")]
    private static partial Regex AbbreviationPattern();
}
