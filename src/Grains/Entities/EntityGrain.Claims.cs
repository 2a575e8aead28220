using Reminders.Grains.Ledger;

namespace Reminders.Grains.Entities;

// Claims held by another activation: a row left dispatching under a lease that has not run out may have its attempt
// still on the wire (a graceful hand-over, Orleans' brief overlap of activations), so it is waited for, read again,
// and resent only if its outcome is still unknown.
public abstract partial class EntityGrain<TDefinition, TState>
{
    // Completed when the activation stops, so a loop waiting for a claim does not hold its deactivation up.
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Completed by a wake (a tick, an edit, a trigger) while the loop waits for a claim: what it asks for is not held up.
    private TaskCompletionSource? _parked;

    private void WakeParkedDispatch() => _parked?.TrySetResult();

    /// <summary>
    /// When another activation's claim still holds on an open occurrence (a hand-over, or Orleans' brief overlap of
    /// activations: its attempt may be on the wire, its outcome about to be written), waits on the service clock
    /// until the first such claim runs out, something else falls due, or a wake asks it to look again. True when the
    /// loop should look again; false when nothing is held or this activation stopped meanwhile. The reminder stays
    /// armed as a safety net.
    /// </summary>
    private async Task<bool> WaitForClaimsAsync()
    {
        var now = Now;
        if (Ledger.LeaseEnd(now) is not { } leaseEnd)
        {
            return false;
        }

        var until = NextWake() is { } wake && wake > now && wake < leaseEnd ? wake : leaseEnd;
        LogWaitingForClaim(logger, EntityKey, until);
        _parked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (services.Activity.Park())
        {
            await Task.WhenAny(Task.Delay((until - now).ToTimeSpan(), services.Clock), _parked.Task, _stopped.Task);
        }

        _parked = null;
        return !_abandoned;
    }

    /// <summary>
    /// Reads a row left dispatching under a lease again, just before resending it: the claimer's outcome may have been
    /// written since this activation read it. True when it is unchanged (its outcome is still unknown); otherwise the
    /// ledger gets the row as it now is, and nothing is sent for the stale copy.
    /// </summary>
    private async Task<bool> IsStillUnknownAsync(OccurrenceRecord record)
    {
        var fresh = await services.Store.ReadAsync(record.Key);
        if (fresh is not null && fresh.Version == record.Version)
        {
            return true;
        }

        LogClaimSettled(logger, record.Key, record.Attempts, record.ClaimedBy, fresh?.Status);
        if (fresh is null)
        {
            Ledger.Forget(record);
        }
        else
        {
            Ledger.Replace(record, fresh);
        }

        return false;
    }
}
