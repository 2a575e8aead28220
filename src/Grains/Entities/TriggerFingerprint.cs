using System.Security.Cryptography;
using System.Text;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Entities;

/// <summary>
/// What an entity's next trigger is computed with besides its own definition: the zone database version and the
/// settings of the event kinds its series use (<c>LocalTime</c>, <c>Template</c>), and the version of a business
/// calendar a series uses (only then, so entities without one keep the fingerprint they had). Readable first part, hashed
/// rest, such as <c>TZDB: 2025b (mapping: ...); 3f9a0c1e2b7d4a65</c>: short enough to keep in every entity's state.
/// </summary>
public static class TriggerFingerprint
{
    public static string Of(IReadOnlyList<IOccurrenceSeries> series, EventsOptions events)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(events);
        var text = new StringBuilder();
        foreach (var s in series.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var kind = events.For(s.Kind);
            text.Append(s.Id).Append('\n').Append(s.Kind).Append('\n').Append(s.TzdbVersion).Append('\n')
                .Append(kind.LocalTime).Append('\n').Append(kind.Template).Append('\n');
            if (s.CalendarVersion is { } calendar)
            {
                text.Append(calendar).Append('\n');
            }
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 8));
        var versions = string.Join(", ", series.Select(s => s.TzdbVersion).Distinct(StringComparer.Ordinal));
        return $"{versions}; {hash}";
    }
}
