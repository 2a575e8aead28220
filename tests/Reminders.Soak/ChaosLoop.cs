namespace Reminders.Soak;

/// <summary>
/// Every 10 to 30 seconds one fault, at random: a worker killed with SIGKILL (restarted 5 to 15 s later), a worker
/// sent SIGTERM (restarted once it has left), or PostgreSQL stopped hard (<c>pg_ctl stop -m immediate</c>) and
/// started again 5 s later. The API silo is left alone: it is the workload's gateway.
/// </summary>
public sealed class ChaosLoop(SoakCluster cluster, Random random)
{
    private static readonly TimeSpan DatabaseOutage = TimeSpan.FromSeconds(5);

    private readonly List<ChaosEvent> _events = [];
    private readonly List<Task> _restarts = [];

    public IReadOnlyList<ChaosEvent> Events => _events;

    public async Task RunUntilAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10 + random.Next(20)), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var running = Enumerable.Range(0, SoakCluster.Workers).Where(cluster.IsRunning).ToList();
            var roll = random.Next(10);
            if (roll < 3 || running.Count == 0)
            {
                await RestartDatabaseAsync();
            }
            else if (roll < 7)
            {
                var worker = running[random.Next(running.Count)];
                var start = TimeProvider.System.GetUtcNow();
                await cluster.KillAsync(worker);
                Record("kill -9", $"worker-{worker + 1}", start);
                _restarts.Add(RestartLaterAsync(worker, TimeSpan.FromSeconds(5 + random.Next(10))));
            }
            else
            {
                var worker = running[random.Next(running.Count)];
                var start = TimeProvider.System.GetUtcNow();
                var code = await cluster.TerminateAsync(worker);
                Record(code is null ? "SIGTERM (killed after 45 s)" : $"SIGTERM (exit {code})", $"worker-{worker + 1}", start);
                cluster.StartWorker(worker);
            }
        }

        await Task.WhenAll(_restarts);
    }

    /// <summary>Starts every worker that is down, so the drain runs on the whole cluster.</summary>
    public void RestartStopped()
    {
        foreach (var worker in Enumerable.Range(0, SoakCluster.Workers).Where(w => !cluster.IsRunning(w)))
        {
            cluster.StartWorker(worker);
        }
    }

    private async Task RestartDatabaseAsync()
    {
        var start = TimeProvider.System.GetUtcNow();
        await cluster.Database.StopHardAsync();
        await Task.Delay(DatabaseOutage);
        await cluster.Database.StartAgainAsync();
        Record("PostgreSQL stopped hard", "database", start);
    }

    private async Task RestartLaterAsync(int worker, TimeSpan after)
    {
        await Task.Delay(after);
        if (!cluster.IsRunning(worker))
        {
            cluster.StartWorker(worker);
        }
    }

    private void Record(string kind, string target, DateTimeOffset start)
    {
        var chaos = new ChaosEvent(kind, target, start, TimeProvider.System.GetUtcNow());
        lock (_events)
        {
            _events.Add(chaos);
        }

        Console.WriteLine($"chaos: {chaos}");
    }
}
