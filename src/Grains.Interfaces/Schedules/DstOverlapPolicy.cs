namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>Which of the two instants a local time that a fall-back transition repeats is sent at. Never both.</summary>
[GenerateSerializer, Alias("Reminders.Schedules.DstOverlapPolicy")]
public enum DstOverlapPolicy
{
    /// <summary>The first time the wall clock shows it (the daylight-saving offset).</summary>
    Earlier,

    /// <summary>The second time the wall clock shows it (the standard offset).</summary>
    Later,
}
