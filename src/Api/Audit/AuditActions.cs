namespace Reminders.Api.Audit;

/// <summary>The <c>action</c> of each audited change: the entity's kind and what was done to it.</summary>
public static class AuditActions
{
    public const string UserCreate = "user.create";
    public const string UserReplace = "user.replace";
    public const string UserDelete = "user.delete";
    public const string UserTrigger = "user.trigger";
    public const string ScheduleCreate = "schedule.create";
    public const string ScheduleReplace = "schedule.replace";
    public const string ScheduleDelete = "schedule.delete";
    public const string SchedulePause = "schedule.pause";
    public const string ScheduleResume = "schedule.resume";
    public const string ScheduleTrigger = "schedule.trigger";
    public const string ScheduleBackfill = "schedule.backfill";
    public const string OccurrenceRetry = "occurrence.retry";
    public const string OccurrenceDiscard = "occurrence.discard";
    public const string CalendarCreate = "calendar.create";
    public const string CalendarReplace = "calendar.replace";
    public const string CalendarDelete = "calendar.delete";
}
