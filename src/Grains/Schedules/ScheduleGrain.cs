using Microsoft.Extensions.Logging;
using NodaTime;
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
    DispatchServices services,
    ILogger<ScheduleGrain> logger) : EntityGrain<ScheduleDefinition, ScheduleState>(state, services, logger), IScheduleGrain
{
    /// <summary>How many upcoming occurrences a schedule's view shows.</summary>
    private const int UpcomingInView = 3;

    private string ScheduleId => ScheduleGrainFactoryExtensions.ScheduleIdFromGrainKey(this.GetPrimaryKeyString());

    protected override string EntityKey => OccurrenceKeys.ScheduleEntity(ScheduleId);

    protected override bool IsPaused => State.Paused;

    public async Task<ScheduleWriteResult> CreateAsync(ScheduleDefinition definition)
    {
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
        var outcome = await UpdateCoreAsync(definition, expectedVersion);
        return Result(outcome switch
        {
            EntityChange.NotFound => ScheduleWriteOutcome.NotFound,
            EntityChange.VersionMismatch => ScheduleWriteOutcome.VersionMismatch,
            _ => ScheduleWriteOutcome.Updated,
        });
    }

    public Task<bool> DeleteAsync() => DeleteCoreAsync();

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

    protected override IReadOnlyList<IOccurrenceSeries> BuildSeries(ScheduleDefinition definition) => seriesFactory.AllSeriesFor(ScheduleId, definition);

    protected override (string Series, LocalDateTime Nominal) LegacySeriesOf(OccurrenceRecord record) => (EntityKey, record.LocalTime);

    protected override (IReadOnlyList<string> EventKinds, string Zone, string Rule, IEnumerable<string> SearchTerms) Describe(ScheduleDefinition definition) =>
        ([definition.Kind], definition.TimeZone, RuleText.Schedule(definition.Start, definition.Rule, definition.TimeZone), definition.Recipient.Values);

    private ScheduleWriteResult Result(ScheduleWriteOutcome outcome) => new(outcome, View());

    private ScheduleView? View() =>
        State.Definition is { } definition
            ? new ScheduleView(ScheduleId, definition, State.Paused, State.Version, Upcoming(definition, UpcomingInView))
            : null;
}
