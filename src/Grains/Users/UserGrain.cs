using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Catalog;
using Reminders.Grains.Entities;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Users;

/// <summary>One user: a birthday and maybe an anniversary, each a yearly series of the shared engine.</summary>
[GrainType(StorageNames.UserGrainType)]
public sealed class UserGrain(
    [PersistentState(StorageNames.UserState, StorageNames.Store)] IPersistentState<UserState> state,
    UserSchedule schedule,
    IOptions<EventsOptions> events,
    DispatchServices services,
    ILogger<UserGrain> logger) : EntityGrain<UserDefinition, UserState>(state, services, logger), IUserGrain
{
    private string UserId => UserGrainFactoryExtensions.UserIdFromGrainKey(this.GetPrimaryKeyString());

    protected override string EntityKey => OccurrenceKeys.UserEntity(UserId);

    public async Task<CreateUserResult> CreateAsync(UserDefinition definition) =>
        await CreateCoreAsync(definition) switch
        {
            EntityChange.Conflict => new CreateUserResult(CreateUserOutcome.Conflict, View(State.Definition!)),
            EntityChange.Replayed => new CreateUserResult(CreateUserOutcome.Replayed, View(State.Definition!)),
            _ => new CreateUserResult(CreateUserOutcome.Created, View(definition)),
        };

    public Task<UserView?> GetAsync() =>
        Task.FromResult(State.Definition is { } definition ? View(definition) : null);

    public async Task<UpdateUserResult> UpdateAsync(UserDefinition definition, int? expectedVersion) =>
        await UpdateCoreAsync(definition, expectedVersion) switch
        {
            EntityChange.NotFound => new UpdateUserResult(UpdateUserOutcome.NotFound, null),
            EntityChange.VersionMismatch => new UpdateUserResult(UpdateUserOutcome.VersionMismatch, View(State.Definition!)),
            _ => new UpdateUserResult(UpdateUserOutcome.Updated, View(State.Definition!)),
        };

    public Task<bool> DeleteAsync() => DeleteCoreAsync();

    public Task<TriggerResult> TriggerAsync(string requestKey) => TriggerCoreAsync(requestKey);

    public Task<IReadOnlyList<Interfaces.Occurrences.OccurrenceView>?> GetOccurrencesAsync() => OccurrencesAsync();

    protected override IReadOnlyList<IOccurrenceSeries> BuildSeries(UserDefinition definition) => schedule.SeriesFor(UserId, definition);

    protected override (string Series, LocalDateTime Nominal) LegacySeriesOf(OccurrenceRecord record) =>
        (OccurrenceKeys.AnnualSeries(EntityKey, record.Kind), OccurrenceKeys.AnnualNominal(record.LocalTime));

    // One upcoming occurrence per event kind the user has.
    protected override (IReadOnlyList<string> EventKinds, string Zone, string Rule, IEnumerable<string> SearchTerms) Describe(UserDefinition definition)
    {
        var kinds = new List<string> { EventKinds.Birthday };
        var rules = new List<string> { Annual(EventKinds.Birthday, definition.Birthday) };
        if (definition.Anniversary is { } anniversary)
        {
            kinds.Add(EventKinds.Anniversary);
            rules.Add(Annual(EventKinds.Anniversary, anniversary));
        }

        return (kinds, definition.TimeZone, string.Join("; ", rules), [definition.FirstName, definition.LastName, definition.Email]);

        string Annual(string kind, LocalDate date)
        {
            var options = events.Value.For(kind);
            return RuleText.Annual(kind, date, options.TimeOfDay, definition.TimeZone, options.InvalidDate);
        }
    }

    private UserView View(UserDefinition definition) => new(UserId, definition, State.Version, NextOfEachSeries(definition));
}
