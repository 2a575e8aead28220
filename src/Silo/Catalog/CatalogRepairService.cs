using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Silo.Database;

namespace Reminders.Silo.Catalog;

/// <summary>
/// Repairs the catalog where it drifted from grain state: a crash between an entity's state write and its catalog
/// upsert, a failed upsert, a row deleted by hand. Each tick checks one slice of the grain-state table and asks the
/// grains whose row is missing or older than their state to write it again (the grain writes from its state, so
/// the repair cannot write anything the grain would not). Bounded: one index range per tick, at most
/// <see cref="CatalogOptions.RepairBatch"/> grain calls.
/// </summary>
public sealed partial class CatalogRepairService(
    PostgresCatalogDrift drift,
    IGrainFactory grains,
    IOptions<CatalogOptions> options,
    ILogger<CatalogRepairService> logger) : BackgroundService
{
    private int _nextSlice;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Background work runs on real time, as Orleans' own timers do here.
        using var timer = new PeriodicTimer(options.Value.RepairInterval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RepairSliceAsync(_nextSlice, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRepairFailed(logger, ex, _nextSlice);
            }

            _nextSlice = (_nextSlice + 1) % options.Value.Slices;
        }
    }

    /// <summary>Repairs every slice now; returns how many entities it asked to rewrite their rows.</summary>
    public async Task<int> RepairAllAsync(CancellationToken cancellationToken = default)
    {
        var repaired = 0;
        for (var slice = 0; slice < options.Value.Slices; slice++)
        {
            repaired += await RepairSliceAsync(slice, cancellationToken);
        }

        return repaired;
    }

    private async Task<int> RepairSliceAsync(int slice, CancellationToken cancellationToken)
    {
        var stale = await drift.FindAsync(slice, options.Value.Slices, options.Value.RepairBatch, cancellationToken);
        foreach (var grainId in stale)
        {
            await grains.GetGrain<IOccurrenceOwner>(grainId).RefreshCatalogAsync();
        }

        if (stale.Count > 0)
        {
            LogRepaired(logger, stale.Count, slice);
        }

        return stale.Count;
    }

    [LoggerMessage(1, LogLevel.Information, "Catalog repair: {Count} entities of slice {Slice} had a missing or stale row and rewrote it")]
    private static partial void LogRepaired(ILogger logger, int count, int slice);

    [LoggerMessage(2, LogLevel.Warning, "Catalog repair of slice {Slice} failed; the slice is checked again on its next turn")]
    private static partial void LogRepairFailed(ILogger logger, Exception exception, int slice);
}
