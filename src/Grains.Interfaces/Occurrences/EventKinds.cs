namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>The built-in event kinds, as they appear in occurrence keys and the API. Others are configured.</summary>
public static class EventKinds
{
    /// <summary>The yearly birthday message.</summary>
    public const string Birthday = "birthday";

    /// <summary>The yearly anniversary message.</summary>
    public const string Anniversary = "anniversary";

    /// <summary>A schedule's own message to its own target; needs no configuration.</summary>
    public const string Custom = "custom";
}
