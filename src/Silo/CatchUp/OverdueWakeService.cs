using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Reminders;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Telemetry;
using Reminders.Silo.Database;

namespace Reminders.Silo.CatchUp;

/// <summary>
/// Orleans never replays reminder ticks missed while their silo was down: a reminder that fell due during
/// downtime fires at its next period boundary, up to a minute after the silo is back, and a whole herd of them
/// at once. When this silo starts, and whenever its share of the ring grows (a silo left), this service wakes
/// every entity in its share whose reminder should already have fired, oldest first, so catch-up starts at once.
/// Each silo wakes only its own ring range, so an entity is woken once; a wake is idempotent anyway.
/// A silo that shuts down gracefully hands its due entities over itself (EntityGrain.OnDeactivateAsync), but
/// its range moves here when it starts leaving, before its grains have deactivated; once it is gone, the
/// range is swept again, so an entity whose hand-over was lost does not wait for its reminder's next tick.
/// </summary>
public sealed partial class OverdueWakeService(
    GrainId grainId,
    Orleans.Runtime.Silo silo,
    ILoggerFactory loggerFactory,
    PostgresOverdueReminders overdue,
    IGrainFactory grains,
    RemindersMetrics metrics,
    ISiloStatusOracle membership,
    IServiceProvider services) : GrainService(grainId, silo, loggerFactory), IOverdueWakeService, ISiloStatusListener
{
    // A wake only starts the grain's dispatch loop and returns, so this bounds the grain calls (and activations,
    // each with its reads) in flight at once, not the deliveries, which the in-flight limit bounds.
    private const int Parallelism = 64;

    private readonly ILogger _logger = loggerFactory.CreateLogger<OverdueWakeService>();

    // The range notification that follows a start repeats the range the start swept (ranges have no equality).
    private string? _lastSwept;

    // The reminder service's clock decides what "should already have fired" means.
    private readonly TimeProvider _clock = services.GetKeyedService<TimeProvider>(ReminderTimeProviderNames.Reminders)
        ?? services.GetRequiredService<TimeProvider>();

    // Silos seen leaving gracefully, whose departure is followed by a second sweep.
    private readonly HashSet<SiloAddress> _leaving = [];

    protected override async Task StartInBackground()
    {
        await base.StartInBackground();
        membership.SubscribeToSiloStatusEvents(this);
        StartSweep(RingRange);
    }

    public override async Task Stop()
    {
        membership.UnSubscribeFromSiloStatusEvents(this);
        await base.Stop();
    }

    public void SiloStatusChangeNotification(SiloAddress updatedSilo, SiloStatus status)
    {
        if (updatedSilo.Equals(membership.SiloAddress))
        {
            return;
        }

        lock (_leaving)
        {
            if (status is SiloStatus.ShuttingDown or SiloStatus.Stopping)
            {
                _leaving.Add(updatedSilo);
                return;
            }

            if (status != SiloStatus.Dead || !_leaving.Remove(updatedSilo))
            {
                return; // a crashed silo's range arrives with its death, and that sweep covers it
            }
        }

        _lastSwept = null;
        StartSweep(RingRange);
    }

    public override async Task OnRangeChange(IRingRange oldRange, IRingRange newRange, bool increased)
    {
        await base.OnRangeChange(oldRange, newRange, increased);
        if (increased)
        {
            StartSweep(newRange);
        }
        else
        {
            _lastSwept = null;
        }
    }

    // Off the service's own turn: thousands of grain calls must not hold up its range notifications.
    private void StartSweep(IRingRange range)
    {
        if (range.ToString() is var described && described != _lastSwept)
        {
            _lastSwept = described;
            _ = Task.Run(() => SweepAsync(range, StoppedCancellationTokenSource.Token));
        }
    }

    private async Task SweepAsync(IRingRange range, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var woken = 0;
        var failed = 0;
        try
        {
            // The database filters by the range's hashes, as the reminder service's own range reads do.
            var mine = overdue.ReadAsync(range, now, cancellationToken);
            await Parallel.ForEachAsync(mine, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (id, _) =>
            {
                try
                {
                    await grains.GetGrain<IOccurrenceOwner>(id).WakeAsync();
                    Interlocked.Increment(ref woken);
                    metrics.Woke();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The reminder's own next tick remains the safety net.
                    Interlocked.Increment(ref failed);
                    LogWakeFailed(_logger, ex, id);
                }
            });
            LogSwept(_logger, woken, failed, now);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogSweepFailed(_logger, ex, woken);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Woke {Woken} entities whose reminders fell due before {Now} while nobody ran them ({Failed} failed and wait for their next tick)")]
    private static partial void LogSwept(ILogger logger, int woken, int failed, DateTimeOffset now);

    [LoggerMessage(2, LogLevel.Warning, "Waking overdue {GrainId} failed; its reminder's next tick will")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(3, LogLevel.Warning, "The overdue-reminder sweep stopped after waking {Woken} entities; the rest wait for their reminders' next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, int woken);
}
