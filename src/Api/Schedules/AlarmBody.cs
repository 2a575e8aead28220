namespace Reminders.Api.Schedules;

// Documentation only, like ScheduleBody: AlarmsReader reads the JSON itself.
/// <summary>An alarm of each occurrence, at the occurrence plus offset.</summary>
public sealed record AlarmBody
{
    /// <summary>
    /// An RFC 5545 duration, '-' for before: whole weeks or days (-P1D: the same local time the day before, calendar
    /// arithmetic in the zone) or hours, minutes and seconds (-PT24H: exactly 24 hours before); not both, not zero, at most 366 days.
    /// </summary>
    public required string Offset { get; init; }

    /// <summary>The alarm's own message template (placeholders from recipient); the schedule's message when left out.</summary>
    public string? Message { get; init; }
}
