using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;

namespace Reminders.Benchmarks.Peers;

/// <summary>
/// Hangfire with Hangfire.PostgreSql: one scheduled background job per plan job
/// (<see cref="HangfireWebhookJob.PostAsync"/>), run by a <see cref="BackgroundJobServer"/> in this process.
/// </summary>
/// <remarks>
/// Hangfire is configured through its process-wide <see cref="GlobalConfiguration"/>, which is why it lives in
/// a peer process of its own.
/// </remarks>
public sealed class HangfirePeer(string connectionString, Uri receiver, string instance) : IPeerScheduler
{
    /// <summary>
    /// Worker threads, as many as <see cref="QuartzPeer.MaxConcurrency"/>. Hangfire's default is five per core
    /// capped at 20 (10 here); its documentation says to raise it for I/O-bound jobs, and a job here is one
    /// loopback HTTP call. Workers are not what limits it: the delayed-job scheduler moves due jobs to the queue
    /// one state transition at a time, and two servers (64 workers) measured no faster than one.
    /// </summary>
    public const int WorkerCount = QuartzPeer.MaxConcurrency;

    /// <summary>
    /// Concurrent <c>Schedule</c> calls. Hangfire has no batch API: each job is its own transaction, so the calls
    /// are overlapped instead, as an application scheduling many jobs from many requests would.
    /// </summary>
    public const int ScheduleParallelism = 8;

    /// <summary>Attempts after the first failure, on Hangfire's own back-off; Hangfire's default is 10.</summary>
    public const int RetryAttempts = 3;

    /// <summary>
    /// How often the delayed-job scheduler moves due jobs to the queue: Hangfire's default is 15 s, which alone
    /// would add up to 15 s to every delivery.
    /// </summary>
    public static readonly TimeSpan SchedulePollingInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly PostgreSqlStorageOptions _storageOptions = new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,

        // A benchmark must fail loudly without its database, not start degraded and schedule nothing.
        AllowDegradedModeWithoutStorage = false,

        // Workers are woken in-process when this server enqueues; the poll is the fallback (default 15 s).
        QueuePollInterval = TimeSpan.FromSeconds(1),

        // Hangfire.PostgreSql hides a fetched job for the invisibility timeout (default 30 minutes) before another
        // worker may take it, so a crash would delay the jobs in flight by half an hour. Sliding keeps a running
        // job's fetch fresh, which is what lets the timeout be short.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(5),

        // A crashed node's distributed locks (the delayed-job scheduler's among them) only expire after this
        // (default 10 minutes), and until then a restarted node cannot catch up. Locks are held for seconds.
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };

    private BackgroundJobClient? _client;
    private BackgroundJobServer? _server;

    public string Name =>
        $"Hangfire {PeerVersion.Of(typeof(BackgroundJob).Assembly)} + Hangfire.PostgreSql {PeerVersion.Of(typeof(PostgreSqlStorage).Assembly)}";

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["server.workerCount"] = Invariant(WorkerCount),
        ["server.schedulePollingInterval"] = SchedulePollingInterval.ToString(),
        ["server.maxDegreeOfParallelismForSchedulers"] = "1",
        ["server.shutdownTimeout"] = ShutdownTimeout.ToString(),
        ["server.name"] = instance,
        ["storage"] = "Hangfire.PostgreSql, native transactions",
        ["storage.schemaName"] = _storageOptions.SchemaName,
        ["storage.prepareSchemaIfNecessary"] = Invariant(_storageOptions.PrepareSchemaIfNecessary),
        ["storage.queuePollInterval"] = _storageOptions.QueuePollInterval.ToString(),
        ["storage.enableLongPolling"] = Invariant(_storageOptions.EnableLongPolling),
        ["storage.useSlidingInvisibilityTimeout"] = Invariant(_storageOptions.UseSlidingInvisibilityTimeout),
        ["storage.invisibilityTimeout"] = _storageOptions.InvisibilityTimeout.ToString(),
        ["storage.distributedLockTimeout"] = _storageOptions.DistributedLockTimeout.ToString(),
        ["serializer"] = "compatibility 1.8, simple assembly names, recommended Newtonsoft settings",
        ["retry"] = $"AutomaticRetry {RetryAttempts} attempts, Hangfire's default back-off",
        ["schedule"] = $"one BackgroundJobClient.Schedule per plan job, {ScheduleParallelism} concurrent",
        ["http.timeout"] = PeerWebhook.AttemptTimeout.ToString(),
        ["receiver"] = receiver.ToString(),
    };

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            // Building the storage installs or upgrades the schema (PrepareSchemaIfNecessary), synchronously.
            GlobalConfiguration.Configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), _storageOptions);

            GlobalJobFilters.Filters.Remove<AutomaticRetryAttribute>();
            GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute { Attempts = RetryAttempts });
            _client = new BackgroundJobClient(JobStorage.Current);
        },
        cancellationToken);

    public async Task ScheduleAsync(PeerPlan plan, CancellationToken cancellationToken)
    {
        var client = _client ?? throw new InvalidOperationException("PrepareAsync first.");
        await Parallel.ForEachAsync(
            plan.Jobs,
            new ParallelOptions { MaxDegreeOfParallelism = ScheduleParallelism, CancellationToken = cancellationToken },
            (job, _) =>
            {
                client.Schedule<HangfireWebhookJob>(j => j.PostAsync(job.Key), job.DueUtc);
                return ValueTask.CompletedTask;
            });
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Past-due jobs need nothing special: the delayed-job scheduler enqueues everything whose time has come,
        // however long ago, on its first poll.
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = instance,
                WorkerCount = WorkerCount,
                SchedulePollingInterval = SchedulePollingInterval,
                ShutdownTimeout = ShutdownTimeout,

                // MaxDegreeOfParallelismForSchedulers stays at its default of 1: Hangfire calls the parallel
                // delayed-job scheduler experimental, and it measured only ~15% faster here.
                Activator = new ReceiverActivator(receiver),
            },
            JobStorage.Current);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        // Dispose stops the server and waits at most ShutdownTimeout for running jobs.
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(bool value) => value ? "true" : "false";

    /// <summary>Builds <see cref="HangfireWebhookJob"/>s for this process's receiver; other types as Hangfire would.</summary>
    private sealed class ReceiverActivator(Uri receiver) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(HangfireWebhookJob) ? new HangfireWebhookJob(receiver) : base.ActivateJob(jobType);
    }
}
