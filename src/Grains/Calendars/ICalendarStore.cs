using NodaTime;

namespace Reminders.Grains.Calendars;

/// <summary>
/// The business calendars of the service and which schedules use them (migration 0014). A schedule's use is a row
/// whose foreign key the database enforces: a calendar in use cannot be deleted, and a schedule cannot start using a
/// calendar that is gone, whatever the order of concurrent requests.
/// </summary>
public interface ICalendarStore
{
    Task<CalendarDefinition?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Calendars in id order after <paramref name="after"/> (all when null), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CalendarDefinition>> ListAsync(string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a calendar; returns it as stored (its version raised on a change) and whether it is new.</summary>
    Task<(CalendarDefinition Calendar, bool Created)> PutAsync(
        string id, IReadOnlyList<LocalDate> dates, IReadOnlyList<string> rules, IReadOnlyList<IsoDayOfWeek> weekend, CancellationToken cancellationToken = default);

    /// <summary>Deletes a calendar no schedule uses.</summary>
    Task<CalendarDeleteOutcome> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="scheduleId"/> uses <paramref name="calendarId"/>; false when the calendar does not exist.</summary>
    Task<bool> UseAsync(string scheduleId, string calendarId, CancellationToken cancellationToken = default);

    /// <summary>Removes the schedule's uses of every calendar but <paramref name="keep"/> (all when null).</summary>
    Task ReleaseAsync(string scheduleId, string? keep, CancellationToken cancellationToken = default);

    /// <summary>The schedules that use a calendar, in id order after <paramref name="after"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> UsersAsync(string calendarId, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Calendars changed since their schedules were last re-armed: id and the version to re-arm them to.</summary>
    Task<IReadOnlyList<(string Id, int Version)>> PendingRearmAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Records that every user of the calendar has been re-armed to <paramref name="version"/>.</summary>
    Task MarkRearmedAsync(string id, int version, CancellationToken cancellationToken = default);
}
