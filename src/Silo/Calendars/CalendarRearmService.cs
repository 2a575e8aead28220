using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reminders.Grains.Calendars;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Silo.Calendars;

/// <summary>
/// Re-arms every schedule that uses a changed business calendar: asks each schedule grain to re-read the calendar at
/// its new version and recompute its next trigger, in batches of <see cref="BatchSize"/> concurrent calls, batch after
/// batch. Runs at once when this silo changed a calendar (<see cref="Signal"/>) and every <see cref="Interval"/> for
/// what any silo left unfinished: a calendar is marked re-armed only after its last batch, so a job a crash cut short
/// is found again and done again (a re-arm is idempotent and sends nothing: the ledger decides what is sent).
/// </summary>
public sealed partial class CalendarRearmService(ICalendarStore store, IGrainFactory grains, ILogger<CalendarRearmService> logger) : BackgroundService
{
    /// <summary>How many schedules are re-armed at once.</summary>
    public const int BatchSize = 100;

    /// <summary>How many changed calendars one pass takes on.</summary>
    private const int CalendarsPerPass = 10;

    /// <summary>How often unfinished re-arms are looked for.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>Starts a pass now, without waiting for it.</summary>
    public void Signal() => _signal.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RearmPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }

            // Background work runs on real time, as Orleans' own timers do here.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(Interval);
            try
            {
                await _signal.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Re-arms the users of every calendar changed since its last re-arm; returns how many schedules it called.</summary>
    public async Task<int> RearmPendingAsync(CancellationToken cancellationToken = default)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var called = 0;
            foreach (var (id, version) in await store.PendingRearmAsync(CalendarsPerPass, cancellationToken))
            {
                called += await RearmUsersAsync(id, version, cancellationToken);
                await store.MarkRearmedAsync(id, version, cancellationToken);
                LogRearmed(logger, id, version, called);
            }

            return called;
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<int> RearmUsersAsync(string calendarId, int version, CancellationToken cancellationToken)
    {
        var called = 0;
        string? after = null;
        while (await store.UsersAsync(calendarId, after, BatchSize, cancellationToken) is { Count: > 0 } batch)
        {
            await Task.WhenAll(batch.Select(schedule => grains.GetScheduleGrain(schedule).RefreshCalendarAsync(calendarId, version)));
            called += batch.Count;
            after = batch[^1];
        }

        return called;
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    [LoggerMessage(1, LogLevel.Information, "Business calendar {Calendar} version {Version}: re-armed the schedules that use it ({Count} calls this pass)")]
    private static partial void LogRearmed(ILogger logger, string calendar, int version, int count);

    [LoggerMessage(2, LogLevel.Warning, "A pass re-arming the schedules of changed business calendars failed; the next pass does it again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
