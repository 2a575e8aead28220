using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Entities;

// Deliver now: an occurrence of its own, recorded and sent by the same dispatch loop as any other.
public abstract partial class EntityGrain<TDefinition, TState>
{
    /// <summary>
    /// Records an occurrence due now under <c>&lt;entity&gt;:-manual-&lt;requestKey&gt;</c>, with what the next occurrence
    /// would send, and starts its delivery. The key makes the request idempotent: a repeated request finds its row
    /// (by the primary key, whatever its state) and sends nothing again.
    /// </summary>
    protected async Task<TriggerResult> TriggerCoreAsync(string requestKey)
    {
        if (State.Definition is not { } definition)
        {
            return new TriggerResult(TriggerOutcome.NotFound, null);
        }

        var key = OccurrenceKeys.Manual(EntityKey, requestKey);
        if ((Ledger.Find(key) ?? await services.Store.ReadAsync(key)) is { } existing)
        {
            return new TriggerResult(TriggerOutcome.Replayed, existing.ToView());
        }

        if (IsPaused)
        {
            return new TriggerResult(TriggerOutcome.Paused, null);
        }

        // What the next occurrence would send, not the next alarm: alarms belong to their occurrences.
        var next = Series(definition).OfType<RecurringSeries>().SelectMany(s => Ledger.Upcoming([s], 1).Select(o => (Series: (IOccurrenceSeries)s, Occurrence: o))).OrderBy(p => p.Occurrence.Due).ToList();
        if (next.Count == 0)
        {
            return new TriggerResult(TriggerOutcome.Finished, null);
        }

        var (series, occurrence) = next[0];
        var now = Now;
        var record = ManualOccurrence.Create(EntityKey, key, series, occurrence, now, Duration.Max(series.CatchUpWindow, DispatchServices.MinimumRetryWindow));
        if ((await InsertAsync([record])).Count == 0)
        {
            // Another activation recorded it first (this one now stops): report that row.
            return new TriggerResult(TriggerOutcome.Replayed, (await services.Store.ReadAsync(key))?.ToView());
        }

        var view = record.ToView();
        Ledger.Records.Add(record);
        RequestDispatch();
        return new TriggerResult(TriggerOutcome.Triggered, view);
    }
}
