using Microsoft.Extensions.Logging;
using NodaTime;
using Reminders.Grains.DeadLetters;
using Reminders.Grains.Delivery;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Entities;

/// <summary>
/// The exactly-once machinery every scheduled entity shares: it owns the definition, the next trigger and
/// the ledger, and wakes itself with one durable reminder. Reminder ticks are hints; what is due is decided
/// from the ledger alone. Subclasses say how a definition becomes series and what their API looks like.
/// </summary>
public abstract partial class EntityGrain<TDefinition, TState>(
    IPersistentState<TState> state,
    DispatchServices services,
    ILogger logger) : Grain, IRemindable, IOccurrenceOwner
    where TDefinition : class, IEquatable<TDefinition>
    where TState : class, IEntityState<TDefinition>
{
    private readonly ReminderArm _reminder = new(services.Clock);
    private (TDefinition Definition, IReadOnlyList<IOccurrenceSeries> Series)? _series;

    protected TState State => state.State;

    protected OccurrenceLedger Ledger => state.State.Ledger;

    protected Instant Now => Instant.FromDateTimeOffset(services.Clock.GetUtcNow());

    /// <summary>The entity's part of its occurrence keys and log lines, such as <c>user:ada</c>.</summary>
    protected abstract string EntityKey { get; }

    /// <summary>True while deliveries are stopped: what falls due is recorded as skipped.</summary>
    protected virtual bool IsPaused => false;

    protected abstract IReadOnlyList<IOccurrenceSeries> BuildSeries(TDefinition definition);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Repair: an activation that died between a state write and the index write left these flagged.
        await SyncDeadLetterIndexAsync();
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<OccurrenceView?> RetryOccurrenceAsync(string key) =>
        // A deleted entity has no series to wake for: its occurrences can be discarded, not retried.
        ChangeOccurrenceAsync(key, record => State.Definition is not null
            && record.Retry(Now, Now + Duration.Max(record.Deadline - record.Due, DispatchServices.MinimumRetryWindow)));

    public Task<OccurrenceView?> DiscardOccurrenceAsync(string key) =>
        ChangeOccurrenceAsync(key, record => record.Discard(Now));

    private async Task<OccurrenceView?> ChangeOccurrenceAsync(string key, Func<OccurrenceRecord, bool> change)
    {
        if (Ledger.Find(key) is not { } record)
        {
            return null;
        }

        var previousWake = NextWake();
        if (change(record))
        {
            await SaveAndArmAsync(previousWake);
            await SyncDeadLetterIndexAsync();
        }

        return record.ToView();
    }

    /// <summary>Writes the index rows of records whose listing changed; idempotent, so repeating it is harmless.</summary>
    private async Task SyncDeadLetterIndexAsync()
    {
        foreach (var record in Ledger.Records.Where(r => r.IndexPending))
        {
            if (record.IsListed)
            {
                await services.DeadLetters.UpsertAsync(new DeadLetterEntry(
                    record.Key, EntityKey, record.Kind, record.Status, record.Reason, record.Due, record.LastAttemptAt ?? record.Due,
                    record.Attempts, record.LastStatusCode, record.LastError, record.LastResponseBody));
            }
            else
            {
                await services.DeadLetters.RemoveAsync(record.Key);
            }

            // Persisted with the next state write; until then a new activation syncs it again.
            record.IndexPending = false;
        }
    }

    protected async Task<EntityChange> CreateCoreAsync(TDefinition definition)
    {
        if (State.Definition is { } existing)
        {
            if (!existing.Equals(definition))
            {
                return EntityChange.Conflict;
            }

            // A replay may follow a create whose reminder registration failed: make sure it is armed.
            await _reminder.ArmAsync(this, NextWake());
            return EntityChange.Replayed;
        }

        var previousWake = NextWake();
        State.Definition = definition;
        State.Version++;
        Ledger.PassOverUntil(Now); // the first occurrence is the first at or after creation
        await SaveAndArmAsync(previousWake);
        LogChanged(logger, EntityKey, "created", State.Version);
        return EntityChange.Created;
    }

    protected async Task<EntityChange> UpdateCoreAsync(TDefinition definition, int? expectedVersion)
    {
        if (State.Definition is not { } existing)
        {
            return EntityChange.NotFound;
        }

        if (expectedVersion is { } expected && expected != State.Version)
        {
            return EntityChange.VersionMismatch;
        }

        if (existing.Equals(definition))
        {
            return EntityChange.Updated;
        }

        // What fell due under the old definition is recorded first, so an edit cannot lose it; keys
        // already recorded are never recomputed, so an edit cannot deliver a key twice.
        await ChangeAsync(() => State.Definition = definition, "updated");
        return EntityChange.Updated;
    }

    /// <summary>Records what fell due under the current state, applies <paramref name="change"/>, and saves and re-arms.</summary>
    protected async Task ChangeAsync(Action change, string what)
    {
        var now = Now;
        RecordDue(now);
        var previousWake = NextWake();
        change();
        State.Version++;
        Ledger.PassOverUntil(now);
        await SaveAndArmAsync(previousWake);
        LogChanged(logger, EntityKey, what, State.Version);
    }

    protected async Task<bool> DeleteCoreAsync()
    {
        if (State.Definition is null)
        {
            return false;
        }

        RecordDue(Now);
        Ledger.SkipOpen(OccurrenceReasons.Deleted, "deleted before delivery");
        State.Definition = null;
        State.Version++;
        await WriteAsync();
        await _reminder.DisarmAsync(this);
        LogChanged(logger, EntityKey, "deleted", State.Version);
        return true;
    }

    protected IReadOnlyList<OccurrenceView>? Occurrences() =>
        State.Definition is null ? null : [.. Ledger.Records.OrderByDescending(r => r.Due).Select(r => r.ToView())];

    protected IReadOnlyList<UpcomingOccurrence> Upcoming(TDefinition definition, int count) =>
        [.. Ledger.Upcoming(Series(definition), count).Select(Upcoming)];

    /// <summary>The next occurrence of each series (that has one), soonest first.</summary>
    protected IReadOnlyList<UpcomingOccurrence> NextOfEachSeries(TDefinition definition) =>
        [.. Series(definition).SelectMany(s => Ledger.Upcoming([s], 1)).OrderBy(o => o.Due).Select(Upcoming)];

    private static UpcomingOccurrence Upcoming(PlannedOccurrence o) => new(o.Kind, o.Key, o.LocalTime, o.Due, o.Adjustments);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        ReceiveReminder(reminderName, status, CancellationToken.None);

    public Task ReceiveReminder(string reminderName, TickStatus status, CancellationToken cancellationToken)
    {
        _reminder.Observed(status);
        return WakeAsync(cancellationToken);
    }

    public Task WakeAsync() => WakeAsync(CancellationToken.None);

    private async Task WakeAsync(CancellationToken cancellationToken)
    {
        if (State.Definition is null)
        {
            // Deleted (or never created): nothing is owed, so the reminder has no reason to exist.
            await _reminder.DisarmAsync(this);
            return;
        }

        await DispatchDueAsync(cancellationToken);
        await SyncDeadLetterIndexAsync();
        await _reminder.ArmAsync(this, NextWake());
    }

    /// <summary>Records what has fallen due; while paused, closes it as skipped.</summary>
    private bool RecordDue(Instant now)
    {
        if (State.Definition is not { } definition)
        {
            return false;
        }

        var dirty = Ledger.RecordDue(Series(definition), now, services.LateAfter);
        return IsPaused
            ? Ledger.SkipOpen(OccurrenceReasons.Paused, "the schedule was paused when it fell due") | dirty
            : dirty;
    }

    /// <summary>Records what has fallen due, then attempts each open occurrence in turn: claim, send, record the outcome.</summary>
    private async Task DispatchDueAsync(CancellationToken cancellationToken)
    {
        var dirty = RecordDue(Now);
        while (Ledger.NextToAttempt(Now) is { } record)
        {
            if (record.CloseIfOutOfChances(Now, MaxAttempts(record)))
            {
                LogClosed(logger, record.Key, record.Status, record.LastError);
                dirty = true;
                continue;
            }

            if (record.Status == OccurrenceStatus.Dispatching)
            {
                if (record.Guarantee == DeliveryGuarantee.AtMostOnce)
                {
                    // Claimed by an activation that died before recording the outcome: it may have been sent.
                    record.MarkUncertain($"the outcome of attempt {record.Attempts} is unknown (the service stopped while sending)");
                    LogClosed(logger, record.Key, record.Status, record.LastError);
                    dirty = true;
                    continue;
                }

                // At least once resends under the same key, and a deduplicating receiver drops the copy.
                LogResendingUnknownOutcome(logger, record.Key, record.Attempts);
            }

            // Wait for an in-flight slot before claiming, so a claim is only ever followed by a send at once: a
            // crash while queued must not leave an at-most-once occurrence uncertain that was never sent.
            using (await services.Channels.EnterAsync(cancellationToken))
            {
                // Claim before send: if this write conflicts, another activation owns this entity, and the
                // exception stops us before anything is sent.
                record.Claim(Now);
                await WriteAsync();
                dirty = false;

                var request = new DeliveryRequest(record.Key, record.Kind, record.Target, record.Recipient, record.Message, record.LocalTime, record.Due);
                var result = await services.Channels.SendAsync(record.Channel, request, cancellationToken);
                RecordOutcome(record, result, Now);
            }

            await WriteAsync();
        }

        if (dirty)
        {
            await WriteAsync();
        }
    }

    private void RecordOutcome(OccurrenceRecord record, DeliveryResult result, Instant now)
    {
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

    /// <summary>
    /// Persists a changed definition without ever leaving the durable reminder later than what either the
    /// old or the new state needs: arm early enough first, write, then arm exactly. A failure after the
    /// write is healed by the early tick.
    /// </summary>
    private async Task SaveAndArmAsync(Instant? previousWake)
    {
        var wake = NextWake();
        await _reminder.ArmNoLaterThanAsync(this, Earliest(previousWake, wake));
        await WriteAsync();
        await _reminder.ArmAsync(this, wake);
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Memory may now hold state that storage does not: start over from storage on the next call.
            // (A version conflict also deactivates through the runtime; this covers every other failure.)
            LogWriteFailed(logger, ex, EntityKey);
            DeactivateOnIdle();
            throw;
        }
    }

    private Instant? NextWake() =>
        State.Definition is { } definition ? Ledger.NextWake(Series(definition)) : null;

    // A wake needs the series twice (what is due, when to wake next): build them once per definition.
    private IReadOnlyList<IOccurrenceSeries> Series(TDefinition definition)
    {
        if (_series is not { } cached || !ReferenceEquals(cached.Definition, definition))
        {
            _series = (definition, BuildSeries(definition));
        }

        return _series.Value.Series;
    }

    private int MaxAttempts(OccurrenceRecord record) => record.MaxAttempts > 0 ? record.MaxAttempts : services.Retries.MaxAttempts;

    private static Instant? Earliest(Instant? a, Instant? b) =>
        a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);
}
