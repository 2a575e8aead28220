using Orleans.Concurrency;

namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>What every entity that owns occurrences answers to, whatever its kind: wake, replay and discard by key.</summary>
[Alias("Reminders.Occurrences.IOccurrenceOwner")]
public interface IOccurrenceOwner : IGrainWithStringKey
{
    /// <summary>Sends a dead-lettered or uncertain occurrence again, under the same key; null when there is no such occurrence.</summary>
    [Alias("RetryOccurrence")]
    Task<OccurrenceView?> RetryOccurrenceAsync(string key);

    /// <summary>Closes an occurrence that is not delivered as skipped (reason <c>discarded</c>); null when there is no such occurrence.</summary>
    [Alias("DiscardOccurrence")]
    Task<OccurrenceView?> DiscardOccurrenceAsync(string key);

    /// <summary>
    /// Handles whatever has fallen due, as a reminder tick would. For ticks Orleans never replays: a silo that
    /// starts after downtime wakes the entities whose reminders fell due meanwhile instead of waiting a period.
    /// </summary>
    [Alias("Wake")]
    Task WakeAsync();

    /// <summary>
    /// <see cref="WakeAsync"/> without an answer: what an activation sends itself while its silo shuts down, to be
    /// run by the next activation elsewhere once this one is gone (an awaited call would wait on itself).
    /// </summary>
    [Alias("WakeOneWay")]
    [OneWay]
    Task WakeOneWayAsync();

    /// <summary>
    /// Writes the entity's row of the catalog (the index the lists read) from its current state, unless the row is
    /// already current. The catalog's repair sweep calls it for rows missing or older than their state.
    /// </summary>
    [Alias("RefreshCatalog")]
    Task RefreshCatalogAsync();
}
