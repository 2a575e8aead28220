namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>An alarm of each occurrence (RFC 5545 VALARM TRIGGER): a message at the occurrence plus <see cref="Offset"/>.</summary>
/// <param name="Offset">
/// The normalised offset: <c>-P1D</c> (whole days, calendar arithmetic in the zone) or <c>-PT1H30M</c> (exact elapsed
/// time); a leading '-' means before the occurrence. Stored as text since it is part of every alarm's key.
/// </param>
/// <param name="Message">The alarm's own message template, or null for the schedule's.</param>
[GenerateSerializer, Immutable, Alias("Reminders.Schedules.ScheduleAlarm")]
public sealed record ScheduleAlarm(
    [property: Id(0)] string Offset,
    [property: Id(1)] string? Message = null);
