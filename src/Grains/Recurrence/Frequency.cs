namespace Reminders.Grains.Recurrence;

/// <summary>An RRULE's FREQ. SECONDLY and MINUTELY are refused by the parser: a reminder service is not a ticker.</summary>
public enum Frequency
{
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}
