using NodaTime;

namespace Reminders.Api.Calendars;

/// <summary>A valid calendar body: its excluded dates, rules and weekend days.</summary>
public sealed record CalendarRequest(IReadOnlyList<LocalDate> Dates, IReadOnlyList<string> Rules, IReadOnlyList<IsoDayOfWeek> Weekend);
