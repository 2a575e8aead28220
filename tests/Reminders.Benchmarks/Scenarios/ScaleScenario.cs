using System.Diagnostics;
using Reminders.Benchmarks.Infrastructure;
using Reminders.Benchmarks.Peers;
using Reminders.Benchmarks.Results;
using Reminders.Benchmarks.Systems;

namespace Reminders.Benchmarks.Scenarios;

/// <summary>
/// Scale and ingest, ours only: M entities with far-future triggers created over HTTP by K clients (the ingest
/// figures), then database size, idle database load and memory, and the silo's start-to-ready time on restart.
/// </summary>
public sealed class ScaleScenario(PostgresServer postgres, Action<string> log)
{
    public async Task<(ScenarioResult Scale, ScenarioResult Ingest)> RunAsync(int m, int clients, TimeSpan idleWindow)
    {
        const string Database = "bench_scale";
        var connectionString = await postgres.CreateDatabaseAsync(Database);
        // Nothing falls due in the run; deliveries would go nowhere.
        await using var system = new RemindersSystem(connectionString, new Uri("http://127.0.0.1:9/never"), silos: 1, clients, portOffset: 9);
        try
        {
            await system.StartAsync(null, CancellationToken.None);
            var far = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var jobs = Enumerable.Range(0, m).Select(i => new PlannedJob($"idle{i:D7}", far + TimeSpan.FromSeconds(i))).ToList();
            log($"scale: creating {m} entities with {clients} clients");
            var ingest = await system.CreateAsync(jobs, CancellationToken.None);
            var rssAfterCreate = ProcessMetrics.RssMiB(system.ProcessIds);
            var size = await postgres.SizeAsync(Database);

            log($"scale: idle for {idleWindow.TotalSeconds:0} s");
            var commitsBefore = await postgres.CommitsAsync(Database);
            var cpuBefore = ProcessMetrics.CpuSeconds(system.ProcessIds);
            await Task.Delay(idleWindow);
            var idleCommits = await postgres.CommitsAsync(Database) - commitsBefore;
            var idleCpu = ProcessMetrics.CpuSeconds(system.ProcessIds) - cpuBefore;

            log("scale: restarting the silo");
            await system.KillAsync();
            var restart = Stopwatch.StartNew();
            await system.StartAsync(null, CancellationToken.None);
            var startToReady = restart.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(30)); // let the reminder service load its range
            var rssIdle = ProcessMetrics.RssMiB(system.ProcessIds);

            var latency = new Percentiles(ingest.Latencies);
            var scale = new ScenarioResult("scale", system.Name,
            [
                new("M", m),
                new("create/s", m / ingest.Elapsed.TotalSeconds),
                new("DB MiB", size / 1024.0 / 1024.0),
                new("RSS after create MiB", rssAfterCreate),
                new("start→ready s", startToReady.TotalSeconds),
                new("idle RSS after restart MiB", rssIdle),
                new("idle commits/min", idleCommits / idleWindow.TotalMinutes),
                new("idle CPU s/min", idleCpu / idleWindow.TotalMinutes),
            ]);
            var ingestResult = new ScenarioResult("ingest", system.Name,
            [
                new("requests", ingest.Requests),
                new("clients", ingest.Clients),
                new("requests/s", ingest.Requests / ingest.Elapsed.TotalSeconds),
                new("p50 ms", latency.At(50) * 1000),
                new("p99 ms", latency.At(99) * 1000),
                new("errors", ingest.Errors),
            ]);
            return (scale, ingestResult);
        }
        finally
        {
            await system.KillAsync();
            await postgres.DropDatabaseAsync(Database);
        }
    }
}
