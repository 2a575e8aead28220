using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Reminders;
using Reminders.Grains.Scheduling;
using Reminders.Grains.Telemetry;
using Reminders.Silo.Database;

namespace Reminders.Silo.CatchUp;

/// <summary>
/// Feeds the <c>reminders.overdue</c> gauges: every <see cref="Interval"/> one index-only count of the reminders
/// whose wake passed more than <see cref="Grace"/> ago, so a scrape never costs a query. The reading covers the whole
/// service, so every silo reports the same figure: aggregate it with max, not sum.
/// </summary>
public sealed partial class OverdueSampler(
    PostgresOverdueReminders overdue,
    RemindersMetrics metrics,
    IServiceProvider services,
    ILogger<OverdueSampler> logger) : BackgroundService
{
    /// <summary>How often the reminder table is sampled.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A wake younger than this is not overdue: its tick may be on its way, and a finished entity's reminder is only
    /// removed by its next safety-net tick. Two periods past, even a lost tick should have been retried.
    /// </summary>
    public static readonly TimeSpan Grace = 2 * ReminderArm.SafetyNetPeriod;

    // The reminder service's clock decides when a wake is due, as in the overdue sweep.
    private readonly TimeProvider _clock = services.GetKeyedService<TimeProvider>(ReminderTimeProviderNames.Reminders)
        ?? services.GetRequiredService<TimeProvider>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _clock);
        do
        {
            await SampleAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Takes one reading and publishes it.</summary>
    internal async Task SampleAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        try
        {
            var (count, oldest) = await overdue.SummarizeAsync(now - Grace, cancellationToken);
            metrics.ReportOverdue(count, oldest is { } at ? now - at : TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The gauges keep their last reading; the readiness check reports the database itself.
            LogSampleFailed(logger, ex);
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "Sampling the overdue reminders failed; the gauges keep their last reading")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
