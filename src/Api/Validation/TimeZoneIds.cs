using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.TimeZones;

namespace Reminders.Api.Validation;

/// <summary>
/// Resolves client-supplied zone ids against NodaTime's TZDB, case-insensitively, to the canonical
/// id: an alias such as <c>US/Eastern</c> or <c>Asia/Calcutta</c> is stored as the zone it links to
/// (<c>America/New_York</c>, <c>Asia/Kolkata</c>), so one zone has one spelling in storage and responses. Abbreviations (EST, PST, AEST, EST5EDT...) are refused even where TZDB happens to define
/// one: they name an offset or a US rule, rarely what the client meant.
/// </summary>
public sealed partial class TimeZoneIds(IDateTimeZoneProvider zones)
{
    private static readonly HashSet<string> AllowedShortIds = new(StringComparer.OrdinalIgnoreCase) { "UTC", "GMT" };

    private readonly Dictionary<string, string> _canonical = Canonical(zones);

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

    private static Dictionary<string, string> Canonical(IDateTimeZoneProvider zones)
    {
        var known = zones.Ids.ToHashSet(StringComparer.Ordinal);
        var links = TzdbDateTimeZoneSource.Default.CanonicalIdMap;
        return zones.Ids.ToDictionary(
            id => id,
            id => links.TryGetValue(id, out var canonical) && known.Contains(canonical) ? canonical : id,
            StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex("^[A-Za-z]{2,5}([0-9]{1,2}([A-Za-z]{2,5})?)?$")]
    private static partial Regex AbbreviationPattern();
}
