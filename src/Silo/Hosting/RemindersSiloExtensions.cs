using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using Reminders.Grains;
using Reminders.Grains.Ledger;
using Reminders.Grains.Hosting;
using Reminders.Grains.Calendars;
using Reminders.Grains.Catalog;
using Reminders.Grains.Telemetry;
using Reminders.Silo.Calendars;
using Reminders.Silo.Catalog;
using Reminders.Silo.CatchUp;
using Reminders.Silo.Database;
using Reminders.Silo.Ledger;

namespace Reminders.Silo.Hosting;

/// <summary>The cluster configuration that the API silo and worker silos share.</summary>
public static class RemindersSiloExtensions
{
    public const string ConnectionStringName = "Reminders";
    private const string Invariant = "Npgsql";

    /// <summary>Makes this host a Reminders silo: clock, schema, metrics, PostgreSQL clustering, storage, reminders, dashboard and grains.</summary>
    public static IHostApplicationBuilder AddRemindersSilo(this IHostApplicationBuilder builder)
    {
        var cluster = RemindersClusterOptions.From(builder.Configuration);
        builder.AddRemindersClock(); // first, so that its startup warning precedes the migration and the silo's start
        builder.Services.AddRemindersDatabase(RequireConnectionString(builder.Configuration));
        builder.AddRemindersTelemetry();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
            silo.ConfigureEndpoints(cluster.AdvertisedIPAddress, cluster.SiloPort, cluster.GatewayPort);
            silo.UseAdoNetClustering(options => options.Configure<ResilientDataSource>((o, dataSource) =>
            {
                o.Invariant = Invariant;
                o.DataSource = dataSource;
            }));
            silo.AddRemindersRuntime(builder.Configuration);
        });
        return builder;
    }

    /// <summary>
    /// Registers the PostgreSQL data source, and the schema migration that runs before the silo starts
    /// (hosted services start in registration order, so this must precede <c>UseOrleans</c>).
    /// </summary>
    public static IServiceCollection AddRemindersDatabase(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => RemindersDataSource.Create(connectionString));
        services.AddRemindersConnections();
        services.AddLedgerBatchWriter();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<IOccurrenceStore, PostgresOccurrenceStore>();
        services.AddHostedService<SchemaMigrationService>();
        return services;
    }

    /// <summary>
    /// Connection opens that retry failures before anything is sent (<see cref="DatabaseConnections"/>), over the
    /// registered <see cref="NpgsqlDataSource"/>, and the <see cref="ResilientDataSource"/> the Orleans providers use.
    /// </summary>
    public static IServiceCollection AddRemindersConnections(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new DatabaseConnections(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<ILogger<DatabaseConnections>>(),
            sp.GetService<RemindersMetrics>() is { } metrics ? metrics.DatabaseOpenRetried : null,
            outcomeBudget: sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.OutcomeWriteBudget));
        services.AddSingleton<ResilientDataSource>();
        return services;
    }

    /// <summary>The per-silo writer that group-commits ledger inserts and updates (<see cref="LedgerBatchOptions"/>).</summary>
    public static IServiceCollection AddLedgerBatchWriter(this IServiceCollection services)
    {
        services.AddOptions<LedgerBatchOptions>()
            .BindConfiguration(LedgerBatchOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<LedgerBatchWriter>();
        return services;
    }

    /// <summary>Everything a silo needs apart from clustering, so test clusters run the same storage and grains.</summary>
    public static ISiloBuilder AddRemindersRuntime(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddRemindersGrainStorage(StorageNames.Store);
        silo.UseRemindersReminderTable();
        silo.AddOverdueWakeSweep();
        silo.AddLedgerRetention();
        silo.AddEntityCatalog(configuration);
        silo.AddBusinessCalendars();
        silo.AddDashboard();
        // Carries Activity.Current through grain calls, so a request's trace reaches the grain that it changes.
        silo.AddActivityPropagation();
        silo.Services.AddRemindersGrains(configuration);
        return silo;
    }

    /// <summary>ADO.NET grain storage on the registered data source (opens retried), under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddRemindersGrainStorage(this ISiloBuilder silo, string name) =>
        // The Orleans binary serializer honours [Alias] and [Id], so renaming a state type never orphans rows,
        // unlike the default JSON serializer, which embeds type and assembly names.
        silo.AddAdoNetGrainStorage(name, options => options.Configure<ResilientDataSource, Serializer>((o, dataSource, serializer) =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

    /// <summary>The ADO.NET reminder table on the registered data source (opens retried).</summary>
    public static ISiloBuilder UseRemindersReminderTable(this ISiloBuilder silo) =>
        silo.UseAdoNetReminderService(options => options.Configure<ResilientDataSource>((o, dataSource) =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
        }));

    /// <summary>
    /// Wakes the entities whose reminders fell due while no silo ran them, when a silo starts or takes over a range,
    /// and samples how many are overdue for the <c>reminders.overdue</c> gauges.
    /// </summary>
    public static ISiloBuilder AddOverdueWakeSweep(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<PostgresOverdueReminders>();
        silo.Services.AddHostedService<OverdueSampler>();
        return silo.AddGrainService<OverdueWakeService>();
    }

    /// <summary>
    /// The catalog of users and schedules that grains keep and the lists read, its repair sweep, and the sweep that
    /// re-arms entities checked under another zone database or other kind settings when a silo starts.
    /// </summary>
    public static ISiloBuilder AddEntityCatalog(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddSingleton<PostgresEntityCatalog>();
        silo.Services.AddSingleton<IEntityCatalog>(services => services.GetRequiredService<PostgresEntityCatalog>());
        silo.Services.AddSingleton<IEntityCatalogWriter>(services => services.GetRequiredService<PostgresEntityCatalog>());
        silo.Services.AddSingleton<PostgresCatalogDrift>();
        silo.Services.AddOptions<CatalogOptions>()
            .Bind(configuration.GetSection(CatalogOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        silo.Services.AddSingleton<CatalogRepairService>();
        silo.Services.AddHostedService(services => services.GetRequiredService<CatalogRepairService>());
        silo.Services.AddSingleton<PostgresRearmCandidates>();
        silo.Services.AddSingleton<RearmSweep>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<RearmSweep>());
        return silo;
    }

    /// <summary>The business calendars schedules may name, and the job that re-arms a changed calendar's schedules.</summary>
    public static ISiloBuilder AddBusinessCalendars(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<ICalendarStore, PostgresCalendarStore>();
        silo.Services.AddSingleton<CalendarRearmService>();
        silo.Services.AddHostedService(services => services.GetRequiredService<CalendarRearmService>());
        return silo;
    }

    /// <summary>Deletes closed occurrences that have outlived <see cref="LedgerOptions.Retention"/>.</summary>
    public static ISiloBuilder AddLedgerRetention(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<LedgerRetentionService>();
        silo.Services.AddHostedService(services => services.GetRequiredService<LedgerRetentionService>());
        return silo;
    }

    private static string RequireConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Start the service with scripts/run.sh, which starts a local " +
                $"PostgreSQL server, or set ConnectionStrings__{ConnectionStringName} to an Npgsql connection string.");
}
