namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>What a backfill request did as a whole.</summary>
[GenerateSerializer, Alias("Reminders.Schedules.BackfillOutcome")]
public enum BackfillOutcome
{
    /// <summary>The range was looked at; see the items.</summary>
    Done,

    /// <summary>There is no such schedule.</summary>
    NotFound,

    /// <summary>The schedule is paused: nothing is sent while paused.</summary>
    Paused,

    /// <summary>
    /// The range starts before the ledger's retention horizon: rows older than that may have been deleted, so a
    /// missing row there would not prove that the occurrence was never sent.
    /// </summary>
    BeforeRetention,
}
