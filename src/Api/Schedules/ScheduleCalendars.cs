using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Api.Validation;
using Reminders.Grains.Calendars;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Api.Schedules;

/// <summary>The business calendar a schedule names: read for a preview, and checked before a write (the grain checks again, atomically).</summary>
public static class ScheduleCalendars
{
    /// <summary>The calendar (null when the schedule names none), or a 400 naming <c>calendar</c> when it does not exist.</summary>
    public static async Task<(BusinessCalendar? Calendar, ProblemHttpResult? Problem)> ResolveAsync(
        ScheduleDefinition definition, CalendarCache calendars, CancellationToken cancellationToken)
    {
        if (definition.Calendar is not { } id)
        {
            return (null, null);
        }

        return await calendars.GetAsync(id, cancellationToken: cancellationToken) is { } calendar
            ? (calendar, null)
            : (null, Missing(id));
    }

    /// <summary>The 400 for a calendar that does not exist (or was deleted between the check and the write, when <paramref name="id"/> is null).</summary>
    public static ProblemHttpResult Missing(string? id) =>
        Problems.Validation("calendar", id is null
            ? "the business calendar named in calendar does not exist; create it first with PUT /api/v1/calendars/{id}."
            : $"there is no business calendar '{id}'; create it first with PUT /api/v1/calendars/{id}.");
}
