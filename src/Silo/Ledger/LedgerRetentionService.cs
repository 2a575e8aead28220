using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Ledger;

namespace Reminders.Silo.Ledger;

/// <summary>
/// Deletes closed occurrences older than the retention window from the ledger table, in batches, on the service
/// clock: delivered and skipped rows only, never a series' newest row (its high-water mark). Every silo runs it;
/// an advisory lock lets one at a time do the work.
/// </summary>
public sealed partial class LedgerRetentionService(
    IOccurrenceStore store,
    IOptions<LedgerOptions> options,
    TimeProvider clock,
    ILogger<LedgerRetentionService> logger) : BackgroundService
{
    private const int BatchSize = 5_000;

    /// <summary>One sweep: deletes what has outlived the window at <paramref name="now"/>; returns how many rows went.</summary>
    public async Task<int> SweepAsync(Instant now, CancellationToken cancellationToken)
    {
        var cutoff = now - Duration.FromTimeSpan(options.Value.Retention);
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.DeleteExpiredAsync(cutoff, BatchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);

        if (total > 0)
        {
            LogSwept(logger, total, cutoff);
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(Instant.FromDateTimeOffset(clock.GetUtcNow()), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Nothing depends on a sweep being on time: the next one picks up where this one stopped.
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Ledger retention deleted {Count} closed occurrences that closed before {Cutoff}")]
    private static partial void LogSwept(ILogger logger, int count, Instant cutoff);

    [LoggerMessage(2, LogLevel.Warning, "Ledger retention sweep failed; the next one retries")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
