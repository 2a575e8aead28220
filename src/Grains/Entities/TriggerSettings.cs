using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Entities;

/// <summary>
/// This silo's settings that any entity's trigger may depend on besides its definition, as one stamp: the zone
/// database version and a hash of every kind's <c>LocalTime</c> and <c>Template</c>. An entity's own
/// <see cref="TriggerFingerprint"/> covers only what its series use and cannot be compared in SQL; this stamp can,
/// so the catalog keeps it and the re-arm sweep finds the entities checked under other settings.
/// </summary>
public sealed class TriggerSettings(IDateTimeZoneProvider zones, IOptionsMonitor<EventsOptions> events)
{
    /// <summary>The stamp for the zone database and kind settings in use now.</summary>
    public string Current => Of(zones.VersionId, events.CurrentValue);

    public static string Of(string tzdbVersion, EventsOptions events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var text = new StringBuilder();
        foreach (var (name, kind) in events.Kinds.OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(EventsOptions.Canonical(name)).Append('\n').Append(kind.LocalTime).Append('\n').Append(kind.Template).Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 8));
        return $"{tzdbVersion}; {hash}";
    }
}
