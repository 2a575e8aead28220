namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>The event kinds that users carry, as they appear in occurrence keys and the API.</summary>
public static class EventKinds
{
    /// <summary>The yearly birthday message.</summary>
    public const string Birthday = "birthday";

    /// <summary>The yearly anniversary message.</summary>
    public const string Anniversary = "anniversary";
}
