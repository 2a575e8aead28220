namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>
/// What happens to an occurrence whose local date (in the schedule's zone) the schedule's business calendar
/// excludes: a listed date, a date one of its rules gives, or a weekend day. Keys stay those of the nominal occurrence.
/// </summary>
[GenerateSerializer, Alias("Reminders.Schedules.ExcludedDayPolicy")]
public enum ExcludedDayPolicy
{
    /// <summary>Not delivered: recorded as skipped (reason <c>excluded</c>).</summary>
    Skip,

    /// <summary>Delivered at the same local time on the first business day after it.</summary>
    NextBusinessDay,

    /// <summary>Delivered at the same local time on the last business day before it.</summary>
    PreviousBusinessDay,
}
