using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Grains.Entities;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Telemetry;
using Reminders.Silo.Database;

namespace Reminders.Silo.Catalog;

/// <summary>
/// When a silo starts with a zone database or kind settings other than an entity's trigger was last checked under,
/// that entity may be armed for the wrong instant; activating it re-arms it (EntityGrain.RearmIfRecomputedAsync),
/// but nothing may activate it before its old instant. So once the silo is active, this sweep activates every live
/// entity whose catalog row carries another <see cref="TriggerSettings"/> stamp, a bounded batch at a time with a
/// pause between batches. Every starting silo sweeps: the work is idempotent (an activation re-arms only when its
/// fingerprint changed, and stamps its row, which drops it from every later batch), so no coordination is needed.
/// </summary>
public sealed partial class RearmSweep(
    PostgresRearmCandidates candidates,
    TriggerSettings settings,
    IGrainFactory grains,
    RemindersMetrics metrics,
    IOptions<CatalogOptions> options,
    ILogger<RearmSweep> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    // Each call activates a grain (state read, ledger read, maybe a reminder and state write): a few at once.
    private const int Parallelism = 16;

    private readonly TaskCompletionSource<RearmSweepResult> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The outcome of the sweep this silo ran when it started.</summary>
    public Task<RearmSweepResult> Finished => _finished.Task;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RearmSweep), ServiceLifecycleStage.Active, OnActive, OnStop);

    private Task OnActive(CancellationToken cancellationToken)
    {
        // Off the start path: a large catalog takes minutes, and the silo serves meanwhile.
        _ = Task.Run(async () =>
        {
            try
            {
                _finished.TrySetResult(await SweepAsync(_stopping.Token));
            }
            catch (Exception ex)
            {
                _finished.TrySetException(ex);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    private Task OnStop(CancellationToken cancellationToken) => _stopping.CancelAsync();

    public void Dispose() => _stopping.Dispose();

    /// <summary>Activates every live entity not stamped with this silo's trigger settings; returns how many and how many failed.</summary>
    public async Task<RearmSweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var stamp = settings.Current;
        var (batch, pause) = (options.Value.RearmBatch, options.Value.RearmPause);
        var after = "";
        var checkedCount = 0;
        var failed = 0;
        try
        {
            while (true)
            {
                var found = await candidates.FindAsync(after, stamp, batch, cancellationToken);
                if (found.Count == 0)
                {
                    break;
                }

                await Parallel.ForEachAsync(found, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (candidate, _) =>
                {
                    try
                    {
                        // An existing method, so the sweep can also activate entities hosted by a silo of the previous release.
                        await grains.GetGrain<IOccurrenceOwner>(candidate.GrainId).RefreshCatalogAsync();
                        Interlocked.Increment(ref checkedCount);
                        metrics.RearmChecked();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Its next activation re-arms it anyway; the next silo start sweeps it again.
                        Interlocked.Increment(ref failed);
                        LogActivationFailed(logger, ex, candidate.Entity);
                    }
                });

                after = found[^1].Entity;
                if (found.Count < batch)
                {
                    break;
                }

                await Task.Delay(pause, TimeProvider.System, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(logger, checkedCount, after);
            return new RearmSweepResult(checkedCount, failed, Completed: false);
        }

        LogSwept(logger, checkedCount, failed, stamp);
        return new RearmSweepResult(checkedCount, failed, Completed: true);
    }

    [LoggerMessage(30, LogLevel.Information, "Re-arm sweep: activated {Checked} entities whose trigger was checked under other settings than {Settings} ({Failed} failed and re-arm on their next activation)")]
    private static partial void LogSwept(ILogger logger, int @checked, int failed, string settings);

    [LoggerMessage(31, LogLevel.Warning, "Re-arm sweep: activating {Entity} failed; it re-arms on its next activation")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, string entity);

    [LoggerMessage(32, LogLevel.Information, "Re-arm sweep stopped with the silo after {Checked} entities, at {Entity}; the next silo start sweeps the rest")]
    private static partial void LogStopped(ILogger logger, int @checked, string entity);
}
