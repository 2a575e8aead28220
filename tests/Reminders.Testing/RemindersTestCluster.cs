using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Npgsql;
using Orleans.Reminders;
using Orleans.Storage;
using Orleans.TestingHost;
using Reminders.Grains;
using Reminders.Grains.Ledger;
using Reminders.Grains.Hosting;
using Reminders.Silo.Database;
using Reminders.Silo.Hosting;

namespace Reminders.Testing;

/// <summary>
/// An in-process Orleans cluster running the production storage, reminder table and grains against a
/// real PostgreSQL database, with grains and the reminder service on one fake clock (the rest of the
/// runtime stays on real time, as the Orleans docs advise).
/// </summary>
public sealed class RemindersTestCluster : IAsyncDisposable
{
    private const string InnerStorageName = "reminders-inner";

    private RemindersTestCluster(InProcessTestCluster cluster, string serviceId)
    {
        Cluster = cluster;
        ServiceId = serviceId;
    }

    public InProcessTestCluster Cluster { get; }

    public string ServiceId { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>Starts a cluster. Reuse a <paramref name="serviceId"/> to bring "the same" service back after a stop.</summary>
    public static async Task<RemindersTestCluster> StartAsync(
        PostgresDatabase database,
        FakeTimeProvider clock,
        Uri webhookUrl,
        TickProbe probe,
        StorageFaults faults,
        short silos = 1,
        string? serviceId = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? grainClock = null,
        LedgerFaults? ledgerFaults = null,
        NpgsqlDataSource? dataSource = null,
        IDateTimeZoneProvider? zones = null)
    {
        serviceId ??= "test-" + Guid.NewGuid().ToString("N")[..12];
        var configuration = new Dictionary<string, string?>
        {
            ["Reminders:Delivery:WebhookUrl"] = webhookUrl.ToString(),
            ["Reminders:Delivery:RetryBaseDelay"] = "00:00:05",
            ["Reminders:Delivery:RetryMaxDelay"] = "00:00:30",
            // Tests may give schedules loopback webhookUrls of their own; the guard is tested with this off.
            ["Reminders:Delivery:AllowPrivateTargets"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(configuration));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(dataSource ?? database.DataSource);
            if (zones is not null)
            {
                silo.Services.AddSingleton(zones);
            }

            silo.Services.AddRemindersConnections();
            silo.Services.AddLedgerBatchWriter();
            silo.Services.AddSingleton<PostgresOccurrenceStore>();
            silo.Services.AddSingleton<IOccurrenceStore>(services =>
                new FaultInjectingOccurrenceStore(services.GetRequiredService<PostgresOccurrenceStore>(), ledgerFaults ?? new LedgerFaults()));
            silo.Services.AddSingleton(probe.Dispatches);
            silo.AddRemindersGrainStorage(InnerStorageName);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Store, (services, _) =>
                new FaultInjectingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerStorageName), faults));
            silo.UseRemindersReminderTable();
            silo.AddOverdueWakeSweep();
            silo.AddLedgerRetention();
            silo.AddEntityCatalog(silo.Configuration);
            silo.AddBusinessCalendars();
            silo.Services.AddRemindersGrains(silo.Configuration);
            silo.AddIncomingGrainCallFilter(probe);

            // Grains may see the clock a little off from the reminder service, as on another machine.
            silo.Services.AddSingleton(grainClock ?? clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, clock);

            // Hold every reminder in memory, so one large step of the fake clock cannot jump over a first tick
            // that a periodic refresh would only have loaded later.
            silo.Services.Configure<ReminderOptions>(o =>
            {
                o.RefreshReminderListPeriod = TimeSpan.FromMinutes(1);
                o.ReminderLoadingWindow = TimeSpan.FromDays(3 * 366);
            });
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new RemindersTestCluster(cluster, serviceId);
    }

    /// <summary>A service of the <paramref name="index"/>th silo's container.</summary>
    public T SiloService<T>(int index = 0)
        where T : notnull => Cluster.Silos[index].ServiceProvider.GetRequiredService<T>();

    /// <summary>Stops every silo, as when the whole service goes down.</summary>
    public Task StopAsync() => Cluster.StopAllSilosAsync();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
