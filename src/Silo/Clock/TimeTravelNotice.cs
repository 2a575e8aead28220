using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reminders.Grains.Clock;

namespace Reminders.Silo.Clock;

/// <summary>Says once, at startup, that this process runs on a travelling clock.</summary>
internal sealed partial class TimeTravelNotice(TravellingTimeProvider clock, ILogger<TimeTravelNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogTimeTravel(logger, clock.StartAt, clock.Speed, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "Time travel is on: the service clock started at {StartAt:O} and runs at {Speed} times real speed (now {Now:O}). " +
        "Grains, the API and the reminder service run on it; grain state and reminders written under it stay in the database, so use a separate database for demos")]
    private static partial void LogTimeTravel(ILogger logger, DateTimeOffset startAt, double speed, DateTimeOffset now);
}
