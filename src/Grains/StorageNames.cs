namespace Reminders.Grains;

/// <summary>
/// Names that end up in stored rows. Changing one orphans existing data, so they live here, once, and
/// are independent of class names.
/// </summary>
public static class StorageNames
{
    /// <summary>The ADO.NET grain storage provider.</summary>
    public const string Store = "reminders";

    /// <summary>The user grain's state. Unique per grain class: ADO.NET storage keys rows by state name, not class.</summary>
    public const string UserState = "user";

    /// <summary>The user grain's type, which reminder rows store as part of the grain id.</summary>
    public const string UserGrainType = "user";

    /// <summary>The schedule grain's state.</summary>
    public const string ScheduleState = "schedule";

    /// <summary>The schedule grain's type.</summary>
    public const string ScheduleGrainType = "schedule";
}
