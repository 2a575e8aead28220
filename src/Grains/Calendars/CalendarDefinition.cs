using NodaTime;

namespace Reminders.Grains.Calendars;

/// <summary>
/// A business calendar as stored: excluded dates, RRULEs whose dates are excluded, and the weekend days, with the
/// version every write raises (grains re-read a calendar when they learn of a newer version).
/// </summary>
public sealed record CalendarDefinition(
    string Id,
    int Version,
    IReadOnlyList<LocalDate> Dates,
    IReadOnlyList<string> Rules,
    IReadOnlyList<IsoDayOfWeek> Weekend);
