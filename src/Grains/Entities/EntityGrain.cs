using Microsoft.Extensions.Logging;
using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;
using Reminders.Grains.Telemetry;

namespace Reminders.Grains.Entities;

/// <summary>
/// The exactly-once machinery every scheduled entity shares: it owns the definition and the next trigger in grain
/// state, its occurrences as rows of the ledger table, and wakes itself with one durable reminder. Reminder ticks
/// are hints that start the dispatch loop (see EntityGrain.Dispatch.cs); what is due is decided from the ledger.
/// Subclasses say how a definition becomes series and what their API looks like.
/// </summary>
public abstract partial class EntityGrain<TDefinition, TState>(
    IPersistentState<TState> state,
    DispatchServices services,
    ILogger logger) : Grain, IRemindable, IOccurrenceOwner
    where TDefinition : class, IEquatable<TDefinition>
    where TState : class, IEntityState<TDefinition>
{
    /// <summary>How many occurrences an entity's unpaged history call returns at most, newest first.</summary>
    public const int HistoryLimit = 1000;

    private readonly ReminderArm _reminder = new(services.Clock);
    private readonly HashSet<string> _highWaterLoaded = [];
    private (TDefinition Definition, IReadOnlyList<IOccurrenceSeries> Series)? _series;
    private OccurrenceLedger? _ledger;
    private bool _hasNoRows;

    protected TState State => state.State;

    protected ILogger Logger => logger;

    protected OccurrenceLedger Ledger => _ledger ?? throw new InvalidOperationException("The grain is not activated.");

    protected Instant Now => Instant.FromDateTimeOffset(services.Clock.GetUtcNow());

    /// <summary>The entity's part of its occurrence keys and log lines, such as <c>user:ada</c>.</summary>
    protected abstract string EntityKey { get; }

    /// <summary>True while deliveries are stopped: what falls due is recorded as skipped.</summary>
    protected virtual bool IsPaused => false;

    protected abstract IReadOnlyList<IOccurrenceSeries> BuildSeries(TDefinition definition);

    /// <summary>The series and nominal period of an occurrence recorded by a release that kept the ledger in state.</summary>
    protected abstract (string Series, LocalDateTime Nominal) LegacySeriesOf(OccurrenceRecord record);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ledger = new OccurrenceLedger(EntityKey);

        // An entity that never stored state has no rows: ledger rows are written only after its create's state write.
        _hasNoRows = !state.RecordExists;
        if (!_hasNoRows)
        {
            await LoadLedgerAsync(cancellationToken);

            // Repairs a row that a failed write, a crash after a state write or an older release left behind.
            await SyncCatalogAsync();
            await RearmIfRecomputedAsync();
        }

        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Reads what this activation needs of the ledger table: its open rows and its series' high-water marks.</summary>
    private async Task LoadLedgerAsync(CancellationToken cancellationToken)
    {
        await MoveLegacyLedgerAsync(cancellationToken);
        Ledger.PassOverUntil(State.Cursor);
        var series = State.Definition is { } definition ? Series(definition).Select(s => s.Id).ToList() : [];
        var read = await services.Store.ReadForActivationAsync(EntityKey, series, cancellationToken);
        Ledger.Records.AddRange(read.Open.OrderBy(r => r.Due));
        foreach (var (id, mark) in read.HighWater)
        {
            Ledger.RaiseHighWater(id, mark);
        }

        _highWaterLoaded.UnionWith(series);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // An attempt on the wire finishes and its outcome is written; nothing new is claimed.
        await StopDispatchAsync();
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && State.Definition is not null && NextWake() <= Now)
        {
            HandOver();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>
    /// This silo is leaving with occurrences of this entity still due: a message to itself waits until this
    /// activation is gone and then starts the next one on a silo that stays, at once rather than at the
    /// reminder's next tick there. One-way, since awaiting it here would wait on this very deactivation.
    /// </summary>
    private void HandOver()
    {
        LogHandingOver(logger, EntityKey);
        _ = this.AsReference<IOccurrenceOwner>().WakeOneWayAsync();
    }

    public Task<OccurrenceView?> RetryOccurrenceAsync(string key) =>
        // A deleted entity has no series to wake for: its occurrences can be discarded, not retried.
        ChangeOccurrenceAsync(key, record => State.Definition is not null
            && record.Retry(Now, Now + Duration.Max(record.Deadline - record.Due, DispatchServices.MinimumRetryWindow)));

    public Task<OccurrenceView?> DiscardOccurrenceAsync(string key) =>
        ChangeOccurrenceAsync(key, record => record.Discard(Now));

    private async Task<OccurrenceView?> ChangeOccurrenceAsync(string key, Func<OccurrenceRecord, bool> change)
    {
        var record = Ledger.Find(key);
        if (record is null && await services.Store.ReadAsync(key) is { } stored && stored.Entity == EntityKey)
        {
            record = stored;
        }

        if (record is null)
        {
            return null;
        }

        // An attempt on the wire finishes first; its outcome decides what a retry or discard would mean.
        if (ReferenceEquals(record, InFlight) || !change(record))
        {
            return record.ToView();
        }

        if (!await SaveAsync(record))
        {
            return (await services.Store.ReadAsync(key))?.ToView();
        }

        // The answer is what the request did; the dispatch it may start changes the record from here on.
        var view = record.ToView();
        if (record.IsOpen && Ledger.Find(key) is null)
        {
            Ledger.Records.Add(record);
        }

        Ledger.DropClosed();
        await _reminder.ArmAsync(this, NextWake());
        if (record.IsOpen)
        {
            RequestDispatch();
        }

        return view;
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
        State.ChangeTrace = DeliveryTracing.CurrentTraceParent();
        State.ComputedWith = ComputedWith(definition);
        Ledger.PassOverUntil(Now); // the first occurrence is the first at or after creation
        State.Cursor = Ledger.Cursor;
        await LoadHighWaterAsync(definition);
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

        // What fell due under the old definition is recorded first, so an edit cannot lose it; nothing at or
        // below a series' high-water mark is emitted again, so an edit cannot deliver a key twice.
        await ChangeAsync(() => State.Definition = definition, "updated");
        return EntityChange.Updated;
    }

    /// <summary>Records what fell due under the current state, applies <paramref name="change"/>, and saves and re-arms.</summary>
    protected async Task ChangeAsync(Action change, string what)
    {
        var now = Now;
        await RecordDueAsync(now);
        var previousWake = NextWake();
        change();
        State.Version++;
        State.ChangeTrace = DeliveryTracing.CurrentTraceParent();
        Ledger.PassOverUntil(now);
        State.Cursor = Ledger.Cursor;
        if (State.Definition is { } definition)
        {
            State.ComputedWith = ComputedWith(definition);
            await LoadHighWaterAsync(definition);
        }

        if (IsPaused)
        {
            await CloseOpenAsync(OccurrenceReasons.Paused, "the schedule was paused before delivery", now);
        }

        await SaveAndArmAsync(previousWake);
        LogChanged(logger, EntityKey, what, State.Version);
        if (Ledger.NextToAttempt(now) is not null)
        {
            RequestDispatch();
        }
    }

    protected async Task<bool> DeleteCoreAsync()
    {
        if (State.Definition is null)
        {
            return false;
        }

        var now = Now;
        await RecordDueAsync(now);
        await CloseOpenAsync(OccurrenceReasons.Deleted, "deleted before delivery", now);
        State.Definition = null;
        State.ComputedWith = null;
        State.Version++;
        Ledger.PassOverUntil(now);
        State.Cursor = Ledger.Cursor;
        await WriteAsync();
        await _reminder.DisarmAsync(this);
        LogChanged(logger, EntityKey, "deleted", State.Version);
        return true;
    }

    /// <summary>The entity's occurrences, newest first (at most <see cref="HistoryLimit"/>), or null when it does not exist.</summary>
    protected async Task<IReadOnlyList<OccurrenceView>?> OccurrencesAsync() =>
        State.Definition is null
            ? null
            : [.. (await services.Store.ListAsync(new OccurrenceQuery(HistoryLimit, Entity: EntityKey))).Select(r => r.ToView())];

    protected IReadOnlyList<UpcomingOccurrence> Upcoming(TDefinition definition, int count) =>
        [.. Ledger.Upcoming(Series(definition), count).Select(Upcoming)];

    /// <summary>The next occurrence of each series (that has one), soonest first.</summary>
    protected IReadOnlyList<UpcomingOccurrence> NextOfEachSeries(TDefinition definition) =>
        [.. Series(definition).SelectMany(s => Ledger.Upcoming([s], 1)).OrderBy(o => o.Due).Select(Upcoming)];

    private static UpcomingOccurrence Upcoming(PlannedOccurrence o) => new(o.Kind, o.Key, o.LocalTime, o.Due, o.Adjustments, o.Planned, o.MovedTo);

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
            Abandon();
            throw;
        }

        await SyncCatalogAsync();
    }

    /// <summary>Moves a ledger that an earlier release kept in grain state into the table, then drops it from state.</summary>
    private async Task MoveLegacyLedgerAsync(CancellationToken cancellationToken)
    {
        if (State.Legacy is not { } legacy)
        {
            return;
        }

        foreach (var record in legacy.Records)
        {
            record.Entity = EntityKey;
            (record.Series, record.Nominal) = LegacySeriesOf(record);
            record.ClosedAt = record.IsOpen ? null : record.ClosedOrLastAttempt;
        }

        await services.Store.ImportAsync(legacy.Records, cancellationToken);
        State.Cursor = Instant.Max(State.Cursor, legacy.Cursor);
        State.Legacy = null;
        await WriteAsync();
        LogLegacyLedgerMoved(logger, EntityKey, legacy.Records.Count);
    }

    /// <summary>Reads the high-water marks of series this activation has not seen yet (a new definition may add some).</summary>
    private async Task LoadHighWaterAsync(TDefinition definition, CancellationToken cancellationToken = default)
    {
        var missing = Series(definition).Select(s => s.Id).Where(id => !_highWaterLoaded.Contains(id)).ToList();
        if (missing.Count == 0 || _hasNoRows)
        {
            // Rows this activation writes raise the marks as they are written.
            _highWaterLoaded.UnionWith(missing);
            return;
        }

        foreach (var (series, mark) in await services.Store.ReadHighWaterAsync(missing, cancellationToken))
        {
            Ledger.RaiseHighWater(series, mark);
        }

        _highWaterLoaded.UnionWith(missing);
    }

    /// <summary>
    /// A new zone database or a kind's changed settings can move the next trigger of an entity nobody edited: the
    /// reminder still points at the old instant, which would deliver late (or wake early for nothing). Re-arms to
    /// the instant computed now, then records what it was computed with; in that order, so a failure between the
    /// two re-arms again on the next activation instead of leaving a stale reminder marked as current. Keys do not
    /// change: they name the nominal local time, not the instant.
    /// </summary>
    private async Task RearmIfRecomputedAsync()
    {
        if (State.Definition is not { } definition)
        {
            return;
        }

        var current = ComputedWith(definition);
        if (current == State.ComputedWith)
        {
            return;
        }

        var wake = NextWake();
        await _reminder.ArmAsync(this, wake);
        LogRearmed(logger, EntityKey, wake, State.ComputedWith, current);
        State.ComputedWith = current;
        await WriteAsync();
    }

    /// <summary>
    /// Something the series are computed with besides the definition changed (a business calendar): builds them again
    /// and re-arms to the next trigger if that moved it. Keys do not change; the ledger decides what is sent.
    /// </summary>
    protected Task RecomputeSeriesAsync()
    {
        _series = null;
        return RearmIfRecomputedAsync();
    }

    private string ComputedWith(TDefinition definition) => TriggerFingerprint.Of(Series(definition), services.Events);

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

    private static Instant? Earliest(Instant? a, Instant? b) =>
        a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);
}
