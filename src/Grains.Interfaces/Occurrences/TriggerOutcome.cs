namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>What a request to deliver an occurrence now did.</summary>
[GenerateSerializer, Alias("Reminders.Occurrences.TriggerOutcome")]
public enum TriggerOutcome
{
    /// <summary>A new occurrence was recorded and is being sent.</summary>
    Triggered,

    /// <summary>The same request was made before: its occurrence is returned, nothing is sent again.</summary>
    Replayed,

    /// <summary>There is no such entity.</summary>
    NotFound,

    /// <summary>The schedule is paused: nothing is sent while paused.</summary>
    Paused,

    /// <summary>The entity has no occurrence left to deliver, so there is nothing to send early.</summary>
    Finished,
}
