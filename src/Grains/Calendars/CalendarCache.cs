using System.Collections.Concurrent;

namespace Reminders.Grains.Calendars;

/// <summary>
/// A silo's calendars, read once and shared by its grains, so computing occurrences costs no database read. An entry
/// is re-read when a caller needs a newer version than it holds (a calendar edit tells every schedule the new
/// version) or when it is older than <see cref="MaxAge"/>, which bounds how long a silo the edit's re-arm job has
/// not reached yet (a schedule activating there) computes with an old version.
/// </summary>
public sealed class CalendarCache(ICalendarStore store, TimeProvider clock)
{
    /// <summary>How long an entry is trusted without a newer version being asked for.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    // Only calendars that exist are held: one created a moment ago on another silo is found at once.
    private readonly ConcurrentDictionary<string, (BusinessCalendar Calendar, DateTimeOffset ReadAt)> _entries = new(StringComparer.Ordinal);

    /// <summary>The calendar at <paramref name="minVersion"/> or newer, or null when it does not exist.</summary>
    public async Task<BusinessCalendar?> GetAsync(string id, int minVersion = 0, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(id, out var entry)
            && entry.Calendar.Version >= minVersion
            && now - entry.ReadAt < MaxAge
            && now >= entry.ReadAt)
        {
            return entry.Calendar;
        }

        if (await store.GetAsync(id, cancellationToken) is not { } definition)
        {
            _entries.TryRemove(id, out _);
            return null;
        }

        // The same version keeps its instance, and with it the rule dates it has expanded.
        var calendar = entry.Calendar is { } held && held.Version == definition.Version ? held : new BusinessCalendar(definition);
        _entries[id] = (calendar, now);
        return calendar;
    }

    /// <summary>Forgets a calendar, after this silo deleted or changed it.</summary>
    public void Forget(string id) => _entries.TryRemove(id, out _);
}
