using System.Globalization;
using Quartz;

namespace Reminders.Benchmarks.Peers;

/// <summary>
/// Quartz.NET with its ADO.NET job store on PostgreSQL, clustered: one durable <see cref="QuartzWebhookJob"/>
/// and one one-shot <c>SimpleTrigger</c> per plan job, carrying the plan key in its job data.
/// </summary>
/// <remarks>
/// Configured with Quartz's flat <c>quartz.*</c> keys (which Quartz 4 still reads and translates into its typed
/// options, checking the names), so <see cref="Settings"/> prints exactly what the scheduler was given.
/// </remarks>
public sealed class QuartzPeer(string connectionString, Uri receiver, string instance) : IPeerScheduler
{
    /// <summary>
    /// How many jobs run at once. Quartz 4's default pool runs jobs as tasks, not on threads of its own, and a job
    /// here is one loopback HTTP call, so this bounds requests in flight and database connections rather than CPU:
    /// on two cores the limit is the database (acquiring and firing a batch, and completing each job, are
    /// transactions under the cluster's <c>TRIGGER_ACCESS</c> row lock), and past a few dozen more workers only
    /// queue on that lock. The same number as <see cref="HangfirePeer.WorkerCount"/>.
    /// </summary>
    public const int MaxConcurrency = 32;

    /// <summary>Triggers stored per <c>ScheduleJobs</c> call, each call being one transaction under the trigger lock.</summary>
    public const int ScheduleChunk = 1_000;

    /// <summary>The retry policy, the same shape as Hangfire's automatic retry: three retries after the first failure.</summary>
    public static readonly RetryPolicy Retries = RetryPolicy.Exponential(3, TimeSpan.FromSeconds(15), 2.0);

    private static readonly JobKey WebhookJob = new("webhook", "plan");

    private StandaloneSchedulerFactory? _factory;
    private IScheduler? _scheduler;

    public string Name => "Quartz.NET " + PeerVersion.Of(typeof(IScheduler).Assembly);

    public IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = Properties().Where(p => !p.Key.EndsWith(".connectionString", StringComparison.Ordinal)).ToDictionary();
            settings["job"] = "one durable job (requests recovery), one SimpleTrigger per plan job, key in trigger JobDataMap";
            settings["trigger.misfireInstruction"] = nameof(SimpleTriggerMisfireInstruction.FireNow);
            settings["retryPolicy"] = $"Exponential(maxAttempts {Retries.MaxAttempts}, initial {Retries.InitialDelay.TotalSeconds:0}s, x{Retries.BackoffFactor:0.#})";
            settings["schedule.chunk"] = ScheduleChunk.ToString(CultureInfo.InvariantCulture);
            settings["http.timeout"] = PeerWebhook.AttemptTimeout.ToString();
            settings["receiver"] = receiver.ToString();
            return settings;
        }
    }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await QuartzSchema.EnsureAsync(connectionString, cancellationToken);

        var builder = QuartzSchedulerBuilder.Create(q =>
        {
            // The receiver is this process's argument, not stored data: a restarted node posts where it is told to.
            q.AddJobType(_ => new QuartzWebhookJob(receiver));
            q.UseDefaultRetryPolicy(Retries);
        });
        builder.UseProperties(Properties()!);
        _factory = builder.Build();

        // Built here, not in StartAsync, so a schema the store rejects fails the peer before SETTINGS is printed.
        _scheduler = await _factory.GetScheduler(cancellationToken);
    }

    public async Task ScheduleAsync(PeerPlan plan, CancellationToken cancellationToken)
    {
        var scheduler = _scheduler ?? throw new InvalidOperationException("PrepareAsync first.");
        var job = JobBuilder.Create<QuartzWebhookJob>()
            .WithIdentity(WebhookJob)
            .StoreDurably()

            // A firing cut short by a crash is run again by whichever node recovers the dead one, as the
            // service under test redelivers an attempt it cannot prove finished.
            .RequestRecovery()
            .Build();

        // One ScheduleJobs call per chunk: the whole chunk is one transaction, so 10,000 jobs cost ten commits
        // rather than 10,000, yet no single transaction holds the cluster's trigger lock for the whole plan.
        // Replacing makes a repeated --schedule idempotent and lets every chunk restate the one durable job.
        foreach (var chunk in plan.Jobs.Chunk(ScheduleChunk))
        {
            var triggers = chunk.Select(planned => (ITrigger)TriggerBuilder.Create()
                    .WithIdentity(planned.Key, WebhookJob.Group)
                    .ForJob(WebhookJob)
                    .UsingJobData(QuartzWebhookJob.KeyEntry, planned.Key)
                    .StartAt(planned.DueUtc)
                    .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                    .Build())
                .ToList();
            await scheduler.ScheduleJobs(
                new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = triggers },
                new ScheduleJobOptions { Replace = true },
                cancellationToken);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = _scheduler ?? throw new InvalidOperationException("PrepareAsync first.");
        await scheduler.Start(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_scheduler is not null)
        {
            // Not waiting for jobs: a benchmark run is over when it is stopped, and whatever was in flight is
            // what cluster recovery is for.
            await _scheduler.Shutdown(waitForJobsToComplete: false);
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private Dictionary<string, string> Properties() => new()
    {
        ["quartz.scheduler.instanceName"] = "reminders-benchmark",
        ["quartz.scheduler.instanceId"] = instance,
        ["quartz.threadPool.maxConcurrency"] = Invariant(MaxConcurrency),

        // Quartz's guidance for a database store: take every due trigger in one acquisition round (one lock,
        // one commit for the batch), up to the pool size and never past it, or triggers sit reserved by a
        // node with no worker free to run them.
        ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = Invariant(MaxConcurrency),

        // No fire-ahead window: a wider one batches triggers due slightly later and fires them early, which a
        // reminders service must never do. Triggers due at the same instant (the benchmark's case) are
        // batched at zero anyway.
        ["quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow"] = "0",
        ["quartz.scheduler.idleWaitTime"] = "30000",

        ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
        ["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz",
        ["quartz.jobStore.dataSource"] = "peer",
        ["quartz.dataSource.peer.provider"] = "Npgsql",
        ["quartz.dataSource.peer.connectionString"] = connectionString,
        ["quartz.jobStore.tablePrefix"] = QuartzSchema.TablePrefix,
        ["quartz.serializer.type"] = "json",
        ["quartz.jobStore.clustered"] = "true",
        ["quartz.jobStore.clusterCheckinInterval"] = "7500",
        ["quartz.jobStore.clusterCheckinMisfireThreshold"] = "7500",

        // Batches above one take the lock anyway; said explicitly so a batch of one behaves the same.
        ["quartz.jobStore.acquireTriggersWithinLock"] = "true",

        // A trigger more than this late is handed to the misfire handler, which applies its FireNow
        // instruction: that is the catch-up path after downtime. Quartz's default of a minute is kept.
        ["quartz.jobStore.misfireThreshold"] = "60000",

        // Quartz handles misfires 20 at a time by default; a node back from downtime with thousands missed
        // would catch up 20 per pass. A larger pass is still one short transaction.
        ["quartz.jobStore.maxMisfiresToHandleAtATime"] = "500",
    };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
