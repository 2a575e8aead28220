namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>What happens to a local time that a spring-forward transition skips.</summary>
[GenerateSerializer, Alias("Reminders.Schedules.DstGapPolicy")]
public enum DstGapPolicy
{
    /// <summary>Interpreted with the offset before the gap, as RFC 5545 says: 02:30 becomes 03:30.</summary>
    ShiftForward,

    /// <summary>The instance is not sent (it still counts toward COUNT).</summary>
    Omit,
}
