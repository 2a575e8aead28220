namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>Addresses schedule grains by schedule id.</summary>
public static class ScheduleGrainFactoryExtensions
{
    // A non-hex prefix, as for users (orleans-facts §1.5), and a different one, so a user and a schedule never share a row.
    private const string KeyPrefix = "s-";

    /// <summary>Returns the grain of the schedule with this API id.</summary>
    public static IScheduleGrain GetScheduleGrain(this IGrainFactory grains, string scheduleId) =>
        grains.GetGrain<IScheduleGrain>(KeyPrefix + scheduleId);

    /// <summary>Returns the API id of the schedule whose grain has this key.</summary>
    public static string ScheduleIdFromGrainKey(string grainKey) => grainKey[KeyPrefix.Length..];
}
