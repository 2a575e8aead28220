namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>What a backfill did, or would do, with one occurrence in its range.</summary>
[GenerateSerializer, Alias("Reminders.Schedules.BackfillItemStatus")]
public enum BackfillItemStatus
{
    /// <summary>It had no row: one was recorded and it is being delivered.</summary>
    Queued,

    /// <summary>It already has a row (delivered, skipped, dead-lettered or open): nothing is sent.</summary>
    AlreadyRecorded,

    /// <summary>A dry run: it has no row and would be queued.</summary>
    WouldQueue,
}
