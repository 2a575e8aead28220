namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>
/// What happens to an instance that falls on a day the month does not have (Feb 29 outside leap years,
/// the 31st of a 30-day month), in the sense of RFC 7529's <c>SKIP</c>.
/// </summary>
[GenerateSerializer, Alias("Reminders.Schedules.InvalidDatePolicy")]
public enum InvalidDatePolicy
{
    /// <summary>The instance does not exist and is not counted (RFC 5545's behaviour).</summary>
    Omit,

    /// <summary>The instance moves to the last day of the month (Feb 29 becomes Feb 28).</summary>
    Backward,

    /// <summary>The instance moves to the first day of the next month (Feb 29 becomes Mar 1).</summary>
    Forward,
}
