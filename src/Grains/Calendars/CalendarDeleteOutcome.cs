namespace Reminders.Grains.Calendars;

/// <summary>What a calendar delete did.</summary>
public enum CalendarDeleteOutcome
{
    Deleted,
    NotFound,

    /// <summary>A schedule uses it: refused, nothing changed.</summary>
    InUse,
}
