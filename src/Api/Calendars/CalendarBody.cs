namespace Reminders.Api.Calendars;

// Documentation only: CalendarRequestReader reads the JSON itself, field by field; this summary is the schema's description.
/// <summary>
/// A business calendar: the days it excludes. A schedule that names it skips or moves the occurrences whose local date
/// (in the schedule's zone) is one of these.
/// </summary>
public sealed record CalendarBody
{
    /// <summary>Optional: the calendar's id, which must be the route's.</summary>
    public string? Id { get; init; }

    /// <summary>Excluded dates, YYYY-MM-DD, such as 2027-12-24; no duplicates, at most 1000.</summary>
    public IReadOnlyList<string>? Dates { get; init; }

    /// <summary>RFC 5545 RRULEs whose dates are excluded, such as FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25 (DAILY or coarser, no BYHOUR, BYMINUTE or BYSECOND; expanded from 2000-01-01); at most 50.</summary>
    public IReadOnlyList<string>? Rules { get; init; }

    /// <summary>Weekend days, two-letter RFC 5545 weekdays (MO, TU, WE, TH, FR, SA, SU), such as ["SA", "SU"]; at most six.</summary>
    public IReadOnlyList<string>? Weekend { get; init; }
}
