using Microsoft.Extensions.Logging;
using NodaTime;
using Reminders.Grains.Calendars;
using Reminders.Grains.Catalog;
using Reminders.Grains.Entities;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Schedules;

/// <summary>One schedule: any recurrence, any kind, on the same exactly-once machinery as users, plus pause and resume.</summary>
[GrainType(StorageNames.ScheduleGrainType)]
public sealed class ScheduleGrain(
    [PersistentState(StorageNames.ScheduleState, StorageNames.Store)] IPersistentState<ScheduleState> state,
    ScheduleSeriesFactory seriesFactory,
    CalendarCache calendarCache,
    ICalendarStore calendarStore,
    DispatchServices services,
    ILogger<ScheduleGrain> logger) : EntityGrain<ScheduleDefinition, ScheduleState>(state, services, logger), IScheduleGrain
{
    /// <summary>How many upcoming occurrences a schedule's view shows.</summary>
    private const int UpcomingInView = 3;

    // The business calendars this activation computes with, by id: the current definition's, and during an edit the old one's.
    private readonly Dictionary<string, BusinessCalendar> _calendars = new(StringComparer.Ordinal);

    private string ScheduleId => ScheduleGrainFactoryExtensions.ScheduleIdFromGrainKey(this.GetPrimaryKeyString());

    protected override string EntityKey => OccurrenceKeys.ScheduleEntity(ScheduleId);

    protected override bool IsPaused => State.Paused;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Before the base activation, which computes the next trigger (and re-arms if the calendar changed meanwhile).
        if (State.Definition?.Calendar is { } calendar)
        {
            await LoadCalendarAsync(calendar, 0);
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<ScheduleWriteResult> CreateAsync(ScheduleDefinition definition)
    {
        // The use row first: its foreign key refuses a calendar that is gone (or being deleted) before anything is stored.
        if (State.Definition is null && definition.Calendar is { } calendar
            && (!await calendarStore.UseAsync(ScheduleId, calendar) || !await LoadCalendarAsync(calendar, 0)))
        {
            return Result(ScheduleWriteOutcome.CalendarNotFound);
        }

        var outcome = await CreateCoreAsync(definition);
        return Result(outcome switch
        {
            EntityChange.Conflict => ScheduleWriteOutcome.Conflict,
            EntityChange.Replayed => ScheduleWriteOutcome.Replayed,
            _ => ScheduleWriteOutcome.Created,
        });
    }

    public Task<ScheduleView?> GetAsync() => Task.FromResult(View());

    public async Task<ScheduleWriteResult> UpdateAsync(ScheduleDefinition definition, int? expectedVersion)
    {
        var previous = State.Definition?.Calendar;
        if (State.Definition is not null && (expectedVersion is null || expectedVersion == State.Version) && definition.Calendar is { } calendar
            && (!await calendarStore.UseAsync(ScheduleId, calendar) || !await LoadCalendarAsync(calendar, 0)))
        {
            return Result(ScheduleWriteOutcome.CalendarNotFound);
        }

        var outcome = await UpdateCoreAsync(definition, expectedVersion);

        // Released only after the state write: a failure in between leaves an extra use row, which only refuses a delete.
        if (outcome == EntityChange.Updated && previous is not null && previous != State.Definition?.Calendar)
        {
            await calendarStore.ReleaseAsync(ScheduleId, State.Definition?.Calendar);
        }

        return Result(outcome switch
        {
            EntityChange.NotFound => ScheduleWriteOutcome.NotFound,
            EntityChange.VersionMismatch => ScheduleWriteOutcome.VersionMismatch,
            _ => ScheduleWriteOutcome.Updated,
        });
    }

    public async Task<bool> DeleteAsync()
    {
        var calendar = State.Definition?.Calendar;
        var deleted = await DeleteCoreAsync();
        if (deleted && calendar is not null)
        {
            await calendarStore.ReleaseAsync(ScheduleId, keep: null);
        }

        return deleted;
    }

    public async Task RefreshCalendarAsync(string calendarId, int version)
    {
        if (State.Definition?.Calendar != calendarId
            || (_calendars.TryGetValue(calendarId, out var held) && held.Version >= version)
            || !await LoadCalendarAsync(calendarId, version))
        {
            return;
        }

        await RecomputeSeriesAsync();
        LogCalendarRefreshed(Logger, EntityKey, calendarId, _calendars[calendarId].Version);
    }

    public async Task<ScheduleWriteResult> PauseAsync(int? expectedVersion = null)
    {
        if (State.Definition is null)
        {
            return Result(ScheduleWriteOutcome.NotFound);
        }

        if (expectedVersion is { } expected && expected != State.Version)
        {
            return Result(ScheduleWriteOutcome.VersionMismatch);
        }

        if (!State.Paused)
        {
            // ChangeAsync closes what is open as skipped once the schedule is paused.
            await ChangeAsync(() => State.Paused = true, "paused");
        }

        return Result(ScheduleWriteOutcome.Updated);
    }

    public async Task<ScheduleWriteResult> ResumeAsync(int? expectedVersion = null)
    {
        if (State.Definition is null)
        {
            return Result(ScheduleWriteOutcome.NotFound);
        }

        if (expectedVersion is { } expected && expected != State.Version)
        {
            return Result(ScheduleWriteOutcome.VersionMismatch);
        }

        if (State.Paused)
        {
            // What fell due while paused is recorded as skipped first; the series continues after now.
            await ChangeAsync(() => State.Paused = false, "resumed");
        }

        return Result(ScheduleWriteOutcome.Updated);
    }

    public Task<TriggerResult> TriggerAsync(string requestKey) => TriggerCoreAsync(requestKey);

    public Task<BackfillResult> BackfillAsync(LocalDateTime first, LocalDateTime last, bool dryRun) => BackfillCoreAsync(first, last, dryRun);

    public Task<IReadOnlyList<UpcomingOccurrence>?> GetUpcomingAsync(int count) =>
        Task.FromResult(State.Definition is { } definition ? Upcoming(definition, count) : null);

    public Task<IReadOnlyList<OccurrenceView>?> GetOccurrencesAsync() => OccurrencesAsync();

    protected override IReadOnlyList<IOccurrenceSeries> BuildSeries(ScheduleDefinition definition)
    {
        BusinessCalendar? calendar = null;
        if (definition.Calendar is { } id && !_calendars.TryGetValue(id, out calendar))
        {
            // Cannot happen while the use row's foreign key holds; computing without it beats computing nothing.
            LogCalendarMissing(Logger, EntityKey, id);
        }

        return seriesFactory.AllSeriesFor(ScheduleId, definition, calendar);
    }

    /// <summary>Reads a calendar at <paramref name="minVersion"/> or newer for this activation; false when it does not exist.</summary>
    private async Task<bool> LoadCalendarAsync(string id, int minVersion)
    {
        if (await calendarCache.GetAsync(id, minVersion) is not { } calendar)
        {
            return false;
        }

        _calendars[id] = calendar;
        return true;
    }

    protected override (string Series, LocalDateTime Nominal) LegacySeriesOf(OccurrenceRecord record) => (EntityKey, record.LocalTime);

    protected override (IReadOnlyList<string> EventKinds, string Zone, string Rule, IEnumerable<string> SearchTerms) Describe(ScheduleDefinition definition) =>
        ([definition.Kind], definition.TimeZone, RuleText.Schedule(definition.Start, definition.Rule, definition.TimeZone), definition.Recipient.Values);

    private ScheduleWriteResult Result(ScheduleWriteOutcome outcome) => new(outcome, View());

    private ScheduleView? View() =>
        State.Definition is { } definition
            ? new ScheduleView(ScheduleId, definition, State.Paused, State.Version, Upcoming(definition, UpcomingInView))
            : null;
}
