using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Delivery;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Users;

/// <summary>
/// One user: owns the definition, the next trigger and the exactly-once ledger, and wakes itself with one
/// durable reminder. Reminder ticks are hints; what is due is decided from the ledger alone.
/// </summary>
[GrainType(StorageNames.UserGrainType)]
public sealed partial class UserGrain(
    [PersistentState(StorageNames.UserState, StorageNames.Store)] IPersistentState<UserState> state,
    UserSchedule schedule,
    IDeliveryChannel channel,
    RetryPolicy retries,
    IOptions<DeliveryOptions> delivery,
    TimeProvider clock,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IRemindable
{
    private readonly ReminderArm _reminder = new(clock);
    private (UserDefinition Definition, IReadOnlyList<IOccurrenceSeries> Series)? _series;

    private string UserId => UserGrainFactoryExtensions.UserIdFromGrainKey(this.GetPrimaryKeyString());

    private OccurrenceLedger Ledger => state.State.Ledger;

    private Instant Now => Instant.FromDateTimeOffset(clock.GetUtcNow());

    public async Task<CreateUserResult> CreateAsync(UserDefinition definition)
    {
        if (state.State.Definition is { } existing)
        {
            if (existing != definition)
            {
                return new CreateUserResult(CreateUserOutcome.Conflict, View(existing));
            }

            // A replay may follow a create whose reminder registration failed: make sure it is armed.
            await _reminder.ArmAsync(this, NextWake());
            return new CreateUserResult(CreateUserOutcome.Replayed, View(existing));
        }

        var previousWake = NextWake();
        state.State.Definition = definition;
        state.State.Version++;
        Ledger.PassOverUntil(Now); // the first occurrence is the first at or after creation
        await SaveAndArmAsync(previousWake);
        LogCreated(logger, UserId, state.State.Version);
        return new CreateUserResult(CreateUserOutcome.Created, View(definition));
    }

    public Task<UserView?> GetAsync() =>
        Task.FromResult(state.State.Definition is { } definition ? View(definition) : null);

    public async Task<UpdateUserResult> UpdateAsync(UserDefinition definition, int? expectedVersion)
    {
        if (state.State.Definition is not { } existing)
        {
            return new UpdateUserResult(UpdateUserOutcome.NotFound, null);
        }

        if (expectedVersion is { } expected && expected != state.State.Version)
        {
            return new UpdateUserResult(UpdateUserOutcome.VersionMismatch, View(existing));
        }

        if (existing == definition)
        {
            return new UpdateUserResult(UpdateUserOutcome.Updated, View(existing));
        }

        // What fell due under the old definition is recorded first, so an edit cannot lose it; keys
        // already recorded are never recomputed, so an edit cannot deliver a key twice.
        var now = Now;
        Ledger.RecordDue(Series(existing), now, LateAfter);
        var previousWake = NextWake();
        state.State.Definition = definition;
        state.State.Version++;
        Ledger.PassOverUntil(now);
        await SaveAndArmAsync(previousWake);
        LogUpdated(logger, UserId, state.State.Version);
        return new UpdateUserResult(UpdateUserOutcome.Updated, View(definition));
    }

    public async Task<bool> DeleteAsync()
    {
        if (state.State.Definition is not { } existing)
        {
            return false;
        }

        Ledger.RecordDue(Series(existing), Now, LateAfter);
        Ledger.SkipOpen("deleted: the user was deleted before delivery");
        state.State.Definition = null;
        state.State.Version++;
        await WriteAsync();
        await _reminder.DisarmAsync(this);
        LogDeleted(logger, UserId);
        return true;
    }

    public Task<IReadOnlyList<OccurrenceView>?> GetOccurrencesAsync() =>
        Task.FromResult<IReadOnlyList<OccurrenceView>?>(state.State.Definition is null
            ? null
            : [.. Ledger.Records.OrderByDescending(r => r.Due).Select(r => r.ToView())]);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        ReceiveReminder(reminderName, status, CancellationToken.None);

    public async Task ReceiveReminder(string reminderName, TickStatus status, CancellationToken cancellationToken)
    {
        _reminder.Observed(status);
        if (state.State.Definition is null)
        {
            // Deleted (or never created): nothing is owed, so the reminder has no reason to exist.
            await _reminder.DisarmAsync(this);
            return;
        }

        await DispatchDueAsync(cancellationToken);
        await _reminder.ArmAsync(this, NextWake());
    }

    /// <summary>Records what has fallen due, then attempts each open occurrence in turn: claim, send, record the outcome.</summary>
    private async Task DispatchDueAsync(CancellationToken cancellationToken)
    {
        var dirty = Ledger.RecordDue(Series(state.State.Definition!), Now, LateAfter);
        while (Ledger.NextToAttempt(Now) is { } record)
        {
            if (record.CloseIfOutOfChances(Now, retries.MaxAttempts))
            {
                LogClosed(logger, record.Key, record.Status, record.LastError);
                dirty = true;
                continue;
            }

            if (record.Status == OccurrenceStatus.Dispatching)
            {
                // Claimed by an activation that died before recording the outcome: at-least-once resends
                // under the same key, and a deduplicating receiver drops the copy.
                LogResendingUnknownOutcome(logger, record.Key, record.Attempts);
            }

            // Claim before send: if this write conflicts, another activation owns this user, and the
            // exception stops us before anything is sent.
            record.Claim(Now);
            await WriteAsync();
            dirty = false;

            var result = await channel.SendAsync(new DeliveryRequest(record.Key, record.Recipient, record.Message), cancellationToken);
            RecordOutcome(record, result, Now);
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

        var retryAt = retries.NextAttempt(record.Attempts, now, record.Deadline);
        record.MarkFailed(result.Error, retryAt);
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
            LogWriteFailed(logger, ex, UserId);
            DeactivateOnIdle();
            throw;
        }
    }

    private Instant? NextWake() =>
        state.State.Definition is { } definition ? Ledger.NextWake(Series(definition)) : null;

    // A wake needs the series twice (what is due, when to wake next): build them once per definition.
    private IReadOnlyList<IOccurrenceSeries> Series(UserDefinition definition)
    {
        if (_series?.Definition != definition)
        {
            _series = (definition, schedule.SeriesFor(UserId, definition));
        }

        return _series.Value.Series;
    }

    private Duration LateAfter => Duration.FromTimeSpan(delivery.Value.LateAfter);

    private UserView View(UserDefinition definition) =>
        new(UserId, definition, state.State.Version,
        [
            .. Series(definition)
                .Select(s => s.NextAtOrAfter(Ledger.Cursor, Ledger.Contains))
                .OrderBy(o => o.Due)
                .Select(o => new UpcomingOccurrence(o.Kind, o.Key, o.LocalTime, o.Due)),
        ]);

    private static Instant? Earliest(Instant? a, Instant? b) =>
        a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);
}
