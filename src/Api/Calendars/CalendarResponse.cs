using NodaTime;
using NodaTime.Text;
using Reminders.Grains.Calendars;

namespace Reminders.Api.Calendars;

/// <summary>A calendar as stored: dates YYYY-MM-DD in order, rules as sent, weekend days as two-letter weekdays (Monday first), and its version.</summary>
public sealed record CalendarResponse(string Id, int Version, IReadOnlyList<string> Dates, IReadOnlyList<string> Rules, IReadOnlyList<string> Weekend)
{
    private static readonly string[] WeekdayNames = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static CalendarResponse From(CalendarDefinition calendar) => new(
        calendar.Id,
        calendar.Version,
        [.. calendar.Dates.Order().Select(LocalDatePattern.Iso.Format)],
        calendar.Rules,
        [.. calendar.Weekend.Order().Select(d => WeekdayNames[(int)d - (int)IsoDayOfWeek.Monday])]);
}

/// <summary>A page of calendars in id order, and the <c>after</c> token of the next page (null on the last).</summary>
public sealed record CalendarPageResponse(IReadOnlyList<CalendarResponse> Items, string? Next);
