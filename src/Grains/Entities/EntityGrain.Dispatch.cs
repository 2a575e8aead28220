using NodaTime;
using Reminders.Grains.Delivery;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;
using Reminders.Grains.Telemetry;

namespace Reminders.Grains.Entities;

// The dispatch loop: claim, send, record the outcome, one occurrence at a time, every write a conditional
// statement on the occurrence's own row.
public abstract partial class EntityGrain<TDefinition, TState>
{
    private Task? _dispatch;
    private bool _wakeRequested;
    private bool _abandoned;

    /// <summary>The occurrence whose attempt is on the wire: edits, pauses and discards leave it to its outcome.</summary>
    private OccurrenceRecord? InFlight { get; set; }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        ReceiveReminder(reminderName, status, CancellationToken.None);

    // Returns at once, as Orleans advises for long work in reminder callbacks: a send may take seconds, and
    // reads of the entity must not wait behind it.
    public Task ReceiveReminder(string reminderName, TickStatus status, CancellationToken cancellationToken)
    {
        _reminder.Observed(status);
        RequestDispatch();
        return Task.CompletedTask;
    }

    public Task WakeAsync()
    {
        RequestDispatch();
        return Task.CompletedTask;
    }

    public Task WakeOneWayAsync() => WakeAsync();

    /// <summary>Starts the activation's one dispatch loop, or asks the running one to look again when it is done.</summary>
    private void RequestDispatch()
    {
        _wakeRequested = true;
        WakeParkedDispatch();
        if (_dispatch is not { IsCompleted: false } && !_abandoned)
        {
            _dispatch = DispatchLoopAsync();
        }
    }

    // Started from a grain turn, so every continuation runs on this activation's scheduler, interleaved with
    // other calls at awaits: never two turns at once, but a read can run while a send is awaited.
    private async Task DispatchLoopAsync()
    {
        services.Activity.Started();
        try
        {
            while (_wakeRequested && !_abandoned)
            {
                _wakeRequested = false;
                await DispatchDueAsync();
            }
        }
        catch (Exception ex)
        {
            // The reminder's next tick (or the next activation) starts over from the ledger.
            LogDispatchFailed(logger, ex, EntityKey);
        }
        finally
        {
            services.Activity.Finished();
        }
    }

    private async Task StopDispatchAsync()
    {
        _abandoned = true;
        _stopped.TrySetResult(); // a loop waiting for another activation's claim to run out stops waiting
        if (_dispatch is { } running)
        {
            await running;
        }
    }

    /// <summary>Records what has fallen due, then attempts each open occurrence in turn: claim, send, record the outcome.</summary>
    private async Task DispatchDueAsync()
    {
        if (State.Definition is null)
        {
            // Deleted (or never created): nothing is owed, so the reminder has no reason to exist.
            await _reminder.DisarmAsync(this);
            return;
        }

        var attempted = false;
        do
        {
            await RecordDueAsync(Now);
            while (!_abandoned && Ledger.NextToAttempt(Now) is { } record)
            {
                if (State.Definition is null || IsPaused)
                {
                    // Deleted or paused while an earlier attempt was on the wire: close what is left.
                    await CloseOpenAsync(State.Definition is null ? OccurrenceReasons.Deleted : OccurrenceReasons.Paused, "closed before delivery", Now);
                    break;
                }

                attempted = true;
                await AttemptAsync(record);
                Ledger.DropClosed();
            }
        }
        while (!_abandoned && await WaitForClaimsAsync());

        if (_abandoned)
        {
            return;
        }

        // A finished entity's reminder would be removed here, one more commit on the delivery path. When a tick
        // started this wake, the reminder's next tick (a period on) finds nothing to do and removes it then,
        // off the herd's path (measured: the 10,000 one-shot herd 16.1-16.7 s with the removal here, 12.8 s without).
        var wake = NextWake();
        if (wake is null && attempted && _reminder.TicksAgainWithinSafetyNet(Now))
        {
            return;
        }

        await _reminder.ArmAsync(this, wake);
    }

    private async Task AttemptAsync(OccurrenceRecord record)
    {
        // Every line about this attempt carries its key as a scope, as well as a placeholder, for JSON log search.
        using (OccurrenceScope(logger, record.Key))
        {
            await AttemptInScopeAsync(record);
        }
    }

    private async Task AttemptInScopeAsync(OccurrenceRecord record)
    {
        if (record.CloseIfOutOfChances(Now, MaxAttempts(record)))
        {
            LogClosed(logger, record.Key, record.Status, record.LastError);
            await SaveAndCountAsync(record);
            return;
        }

        if (record.Status == OccurrenceStatus.Dispatching)
        {
            // A lease says its claimer may have been alive until lately: it may have written the outcome since.
            if (record.ClaimedUntil is not null && !await IsStillUnknownAsync(record))
            {
                return;
            }

            if (record.Guarantee == DeliveryGuarantee.AtMostOnce)
            {
                // Claimed by an activation that died before recording the outcome: it may have been sent.
                record.MarkUncertain($"the outcome of attempt {record.Attempts} is unknown (the service stopped while sending)");
                LogClosed(logger, record.Key, record.Status, record.LastError);
                await SaveAndCountAsync(record);
                return;
            }

            // At least once resends under the same key, and a deduplicating receiver drops the copy.
            LogResendingUnknownOutcome(logger, record.Key, record.Attempts);
        }

        // Wait for an in-flight slot before claiming, so a claim is only ever followed by a send at once: a
        // crash while queued must not leave an at-most-once occurrence uncertain that was never sent.
        using (await services.Channels.EnterAsync(CancellationToken.None))
        {
            // While this waited, an edit, pause, delete or discard may have closed it.
            if (!record.IsOpen || State.Definition is null || IsPaused || _abandoned)
            {
                return;
            }

            // Claim before send: a new occurrence is recorded and claimed by one insert, an existing one by an
            // update fenced on its version. If another activation got there first, nothing is sent.
            record.Claim(Now, services.ClaimLease, RuntimeIdentity);
            InFlight = record;
            try
            {
                if (!await SaveAsync(record))
                {
                    return;
                }

                var request = new DeliveryRequest(record.Key, record.Kind, record.Target, record.Recipient, record.Message, record.LocalTime, record.Due)
                {
                    TargetFromClient = services.IsClientTarget(record),
                };
                // The span covers the outcome's log line too, so that line carries the attempt's trace id.
                using (DeliveryTracing.StartAttempt(record.Key, record.Attempts, State.ChangeTrace))
                {
                    DeliveryResult result;
                    using (services.Metrics.StartAttempt(services.Clock))
                    {
                        result = await services.Channels.SendAsync(record.Channel, request, CancellationToken.None);
                    }

                    RecordOutcome(record, result, Now);

                    // Counted once sent, whether or not the outcome's write succeeds: the attempt happened either way.
                    services.Metrics.Outcome(record, result.Deferred);
                }
            }
            finally
            {
                InFlight = null;
            }
        }

        await SaveAsync(record, outcome: true);
    }

    /// <summary>Records what has fallen due: expired ones (and all, while paused) as skipped at once; the rest when first claimed.</summary>
    private async Task RecordDueAsync(Instant now)
    {
        if (State.Definition is not { } definition)
        {
            return;
        }

        var added = Ledger.RecordDue(Series(definition), now, services.LateAfter);

        // Written first, paused or not: one closed when recorded (expired past the catch-up window) is not open, so
        // the pause below would pass it over and leave it only in memory, where backfill took it for a row.
        if (added.Where(r => !r.IsOpen).ToList() is { Count: > 0 } closed)
        {
            foreach (var record in await InsertAsync(closed))
            {
                services.Metrics.Outcome(record);
            }
        }

        if (IsPaused)
        {
            await CloseOpenAsync(OccurrenceReasons.Paused, "the schedule was paused when it fell due", now);
            return;
        }

        // One that waits for its spread time is written now, not when claimed: its row keeps it (with its payload
        // fixed now) through an edit, a restart or a deactivation in the meantime; the claim then updates that row.
        if (added.Where(r => r.IsOpen && r.DeliverAt > now).ToList() is { Count: > 0 } waiting)
        {
            await InsertAsync(waiting);
        }
    }

    /// <summary>Closes every open occurrence but the one on the wire as skipped, and writes them.</summary>
    private async Task CloseOpenAsync(string reason, string detail, Instant now)
    {
        var skipped = Ledger.SkipOpen(reason, detail, now, InFlight);
        foreach (var record in await InsertAsync([.. skipped.Where(r => !r.IsStored)]))
        {
            services.Metrics.Outcome(record);
        }

        foreach (var record in skipped.Where(r => r.IsStored))
        {
            await SaveAndCountAsync(record);
        }

        Ledger.DropClosed();
    }

    /// <summary>
    /// Writes a record: inserted when new, otherwise updated if its row is unchanged. False when another writer won.
    /// An attempt's <paramref name="outcome"/> keeps trying to reach the database for longer: nobody waits on it.
    /// </summary>
    private async Task<bool> SaveAsync(OccurrenceRecord record, bool outcome = false)
    {
        if (!record.IsStored)
        {
            return (await InsertAsync([record])).Count == 1;
        }

        bool written;
        try
        {
            written = outcome ? await services.Store.UpdateOutcomeAsync(record) : await services.Store.UpdateAsync(record);
        }
        catch (Exception ex)
        {
            LogLedgerWriteFailed(logger, ex, record.Key);
            Abandon();
            throw;
        }

        if (!written)
        {
            // Another activation of this entity changed the row: this one's view is stale, so it stops here.
            LogLostRow(logger, record.Key);
            Abandon();
        }

        return written;
    }

    /// <summary>Writes a record closed without an attempt, and counts its outcome once written.</summary>
    private async Task SaveAndCountAsync(OccurrenceRecord record)
    {
        if (await SaveAsync(record))
        {
            services.Metrics.Outcome(record);
        }
    }

    /// <summary>Inserts new records; those whose key already has a row are forgotten, never sent. Returns those written.</summary>
    private async Task<IReadOnlyList<OccurrenceRecord>> InsertAsync(List<OccurrenceRecord> records)
    {
        if (records.Count == 0)
        {
            return [];
        }

        IReadOnlySet<string> written;
        try
        {
            written = await services.Store.InsertAsync(records);
        }
        catch (Exception ex)
        {
            LogLedgerWriteFailed(logger, ex, records[0].Key);
            Abandon();
            throw;
        }

        foreach (var record in records.Where(r => !written.Contains(r.Key)))
        {
            // Only another activation of this entity writes its rows: this one's view is stale. It stops, and
            // the next activation reads that row (and resends or parks it if its writer died mid-attempt).
            LogAlreadyRecorded(logger, record.Key);
            Ledger.Forget(record);
            Abandon();
        }

        return [.. records.Where(r => written.Contains(r.Key))];
    }

    /// <summary>Stops this activation's work after a failed or lost write; the next one starts over from storage.</summary>
    private void Abandon()
    {
        _abandoned = true;
        DeactivateOnIdle();
    }

    private void RecordOutcome(OccurrenceRecord record, DeliveryResult result, Instant now)
    {
        if (!result.Deferred)
        {
            record.LogAttempt(result.Delivered ? "delivered" : result.OutcomeUnknown ? "unknown" : "failed", result.StatusCode, result.Error);
        }

        if (result.Delivered)
        {
            record.MarkDelivered(now);
            LogDelivered(logger, record.Key, record.Attempts, record.Late);
            return;
        }

        if (result.Deferred)
        {
            record.Defer(result.Error ?? "deferred", now + Duration.FromTimeSpan(result.RetryAfter ?? TimeSpan.FromSeconds(1)));
            LogDeferred(logger, record.Key, result.Error, record.NextAttemptAt!.Value);
            return;
        }

        if (result.OutcomeUnknown && record.Guarantee == DeliveryGuarantee.AtMostOnce)
        {
            record.MarkUncertain(result.Error ?? "the outcome is unknown");
            LogClosed(logger, record.Key, record.Status, record.LastError);
            return;
        }

        if (result.Permanent)
        {
            record.MarkFailed(result.Error, null, result.StatusCode, result.ResponseBody, OccurrenceReasons.PermanentFailure);
            LogClosed(logger, record.Key, record.Status, result.Error);
            return;
        }

        var retryAt = services.Retries.NextAttempt(record.Attempts - record.AttemptBudgetStart, now, record.Deadline, result.RetryAfter, MaxAttempts(record));
        record.MarkFailed(result.Error, retryAt, result.StatusCode, result.ResponseBody);
        if (retryAt is { } at)
        {
            LogRetrying(logger, record.Key, record.Attempts, result.Error, at);
        }
        else
        {
            LogClosed(logger, record.Key, record.Status, result.Error);
        }
    }

    private int MaxAttempts(OccurrenceRecord record) => record.MaxAttempts > 0 ? record.MaxAttempts : services.Retries.MaxAttempts;
}
