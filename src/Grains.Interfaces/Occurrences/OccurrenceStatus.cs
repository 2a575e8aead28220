namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>Where an occurrence stands in the exactly-once lifecycle.</summary>
[GenerateSerializer, Alias("Reminders.Occurrences.OccurrenceStatus")]
public enum OccurrenceStatus
{
    /// <summary>Due (or about to be) and not yet attempted.</summary>
    Scheduled,

    /// <summary>Claimed for an attempt whose outcome is not yet recorded.</summary>
    Dispatching,

    /// <summary>The receiver accepted it.</summary>
    Delivered,

    /// <summary>An attempt failed; another is planned.</summary>
    Retrying,

    /// <summary>Out of attempts or out of time; it will not be sent again by itself.</summary>
    DeadLettered,

    /// <summary>Never sent on purpose (too late, deleted, paused).</summary>
    Skipped,

    /// <summary>
    /// At-most-once only: an attempt's outcome is unknown (a crash after the claim, a timeout), so it is not
    /// resent by itself.
    /// </summary>
    Uncertain,
}
