using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Npgsql;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Interfaces.Users;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// One test's world: a fresh database, a real receiver, a fake clock, and a cluster on them that can be
/// stopped and brought back as the same service.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    private readonly short _silos;
    private IDictionary<string, string?>? _settings;

    private Scenario(FakeTimeProvider clock, PostgresDatabase database, WebhookReceiver receiver, short silos, IDictionary<string, string?>? settings)
    {
        GrainClock = new SkewedTimeProvider(clock);
        Clock = clock;
        Database = database;
        Receiver = receiver;
        _silos = silos;
        _settings = settings;
    }

    /// <summary>The clock the reminder service and the receiver run on.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The grains' view of <see cref="Clock"/>; skew it to model another machine's clock.</summary>
    public SkewedTimeProvider GrainClock { get; }

    public PostgresDatabase Database { get; }

    public WebhookReceiver Receiver { get; }

    public TickProbe Ticks { get; } = new();

    public StorageFaults Faults { get; } = new();

    public LedgerFaults LedgerFaults { get; } = new();

    public RemindersTestCluster Cluster { get; private set; } = null!;

    /// <summary>The silos' own data source, when the scenario gave them one.</summary>
    public NpgsqlDataSource? SiloDataSource { get; private init; }

    public static async Task<Scenario> StartAsync(DateTimeOffset now, short silos = 1, IDictionary<string, string?>? settings = null) =>
        await StartAsync(now, prepare: null, serviceId: null, silos, settings);

    /// <summary>A scenario whose silos connect through a data source of their own, made from the database's connection string.</summary>
    public static async Task<Scenario> StartAsync(DateTimeOffset now, Func<string, NpgsqlDataSource> siloDataSource)
    {
        var clock = new FakeTimeProvider(now);
        var database = await PostgresDatabase.CreateAsync();
        var receiver = await WebhookReceiver.StartAsync(clock);
        var scenario = new Scenario(clock, database, receiver, 1, null) { SiloDataSource = siloDataSource(database.ConnectionString) };
        scenario.Cluster = await scenario.StartClusterAsync(null);
        return scenario;
    }

    /// <summary>
    /// Starts a scenario whose database <paramref name="prepare"/> first sets up from an empty one (say, an older
    /// schema with old rows); the production migrations then bring it up to date before the cluster starts.
    /// </summary>
    public static async Task<Scenario> StartAsync(
        DateTimeOffset now, Func<PostgresDatabase, Task>? prepare, string? serviceId, short silos = 1, IDictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(now);
        var database = await PostgresDatabase.CreateAsync(migrate: prepare is null);
        if (prepare is not null)
        {
            await prepare(database);
            await database.MigrateAsync();
        }

        var receiver = await WebhookReceiver.StartAsync(clock);
        var scenario = new Scenario(clock, database, receiver, silos, settings);
        scenario.Cluster = await scenario.StartClusterAsync(serviceId);
        return scenario;
    }

    public IUserGrain User(string id) => Cluster.Client.GetUserGrain(id);

    public Task<CreateUserResult> CreateUserAsync(string id, string zone, string birthday, string? anniversary = null) =>
        User(id).CreateAsync(Users.Definition(zone, birthday, anniversary));

    public async Task<OccurrenceView> OccurrenceAsync(string userId, string key) =>
        (await User(userId).GetOccurrencesAsync())?.SingleOrDefault(o => o.Key == key)
        ?? throw new InvalidOperationException($"User {userId} has no occurrence {key}.");

    /// <summary>Every occurrence of the given schedules, read a hundred grains at a time.</summary>
    public async Task<IReadOnlyList<OccurrenceView>> ScheduleOccurrencesAsync(IEnumerable<string> scheduleIds)
    {
        var views = new List<OccurrenceView>();
        foreach (var batch in scheduleIds.Chunk(100))
        {
            views.AddRange((await Task.WhenAll(batch.Select(id => Cluster.Client.GetScheduleGrain(id).GetOccurrencesAsync()))).SelectMany(o => o ?? []));
        }

        return views;
    }

    /// <summary>The whole service goes down (every silo stops); the clock keeps running.</summary>
    public Task StopClusterAsync() => Cluster.StopAsync();

    /// <summary>The service comes back: a new cluster with the same service id, database and clock.</summary>
    public async Task StartAgainAsync()
    {
        var serviceId = Cluster.ServiceId;
        await Cluster.DisposeAsync();
        Cluster = await StartClusterAsync(serviceId);
    }

    /// <summary>The service comes back with other settings and, when given, another zone database.</summary>
    public async Task StartAgainAsync(IDictionary<string, string?>? settings, IDateTimeZoneProvider? zones = null)
    {
        _settings = settings;
        Zones = zones;
        await StartAgainAsync();
    }

    /// <summary>The zone database the silos use instead of the built-in one (null: the built-in one).</summary>
    public IDateTimeZoneProvider? Zones { get; private set; }

    /// <summary>The whole service is down for <paramref name="downtime"/> of the clock, then comes back.</summary>
    public async Task DownForAsync(TimeSpan downtime)
    {
        await StopClusterAsync();
        Clock.Advance(downtime);
        await StartAgainAsync();
    }

    /// <summary>Moves the clock to <paramref name="target"/>, then lets the cluster act on whatever fell due.</summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        var delta = target - Clock.GetUtcNow();
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(target), $"{target:O} is in the scenario's past.");
        }

        Clock.Advance(delta);
        await SettleAsync();
    }

    public Task AdvanceAsync(TimeSpan by) => AdvanceToAsync(Clock.GetUtcNow() + by);

    /// <summary>
    /// Advances the clock in steps until <paramref name="condition"/> holds, giving the cluster a moment to
    /// act after each step; fails after <paramref name="limit"/> of scenario time.
    /// </summary>
    public async Task AdvanceUntilAsync(Func<Task<bool>> condition, TimeSpan step, TimeSpan limit, string because)
    {
        var start = Clock.GetUtcNow();
        while (!await Eventually.HoldsWithinAsync(condition, TimeSpan.FromMilliseconds(250)))
        {
            if (Clock.GetUtcNow() - start >= limit)
            {
                throw new TimeoutException($"Scenario time advanced {limit} without {because}.");
            }

            await AdvanceAsync(step);
        }
    }

    public Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step, TimeSpan limit, string because) =>
        AdvanceUntilAsync(() => Task.FromResult(condition()), step, limit, because);

    /// <summary>
    /// Advances the clock <paramref name="step"/> (default one second) at a time until the receiver has got
    /// <paramref name="count"/> requests.
    /// </summary>
    public Task AdvanceUntilReceivedAsync(int count, string because, TimeSpan? step = null) =>
        AdvanceUntilAsync(() => Receiver.Received.Count >= count, step ?? TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), because);

    /// <summary>Waits until the user's occurrence <paramref name="key"/> has reached <paramref name="status"/>.</summary>
    public Task WaitForStatusAsync(string userId, string key, OccurrenceStatus status) =>
        Eventually.HoldsAsync(async () => (await OccurrenceAsync(userId, key)).Status == status, $"{key} is {status}");

    /// <summary>Waits until no reminder tick has started for a short while and no tick or dispatch loop is running.</summary>
    public async Task SettleAsync()
    {
        var quiet = TimeSpan.FromMilliseconds(150);
        await Eventually.HoldsAsync(async () =>
        {
            var started = Ticks.Started;
            await Task.Delay(quiet);
            return Ticks.Started == started && Ticks.Completed == started && Ticks.Dispatches.Running == 0;
        }, "reminder ticks settled");
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Receiver.DisposeAsync();
        if (SiloDataSource is not null)
        {
            await SiloDataSource.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    private Task<RemindersTestCluster> StartClusterAsync(string? serviceId) =>
        RemindersTestCluster.StartAsync(Database, Clock, Receiver.Url, Ticks, Faults, _silos, serviceId, _settings, GrainClock, LedgerFaults, SiloDataSource, Zones);
}
