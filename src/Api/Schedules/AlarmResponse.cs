using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Api.Schedules;

/// <summary>An alarm as stored: its normalised offset (as its keys name it) and its own message, if any.</summary>
public sealed record AlarmResponse(string Offset, string? Message)
{
    public static AlarmResponse From(ScheduleAlarm alarm) => new(alarm.Offset, alarm.Message);
}
