using Microsoft.Extensions.Logging;
using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Users;

public sealed partial class UserGrain
{
    [LoggerMessage(1, LogLevel.Information, "User {UserId} created (version {Version})")]
    private static partial void LogCreated(ILogger logger, string userId, int version);

    [LoggerMessage(2, LogLevel.Information, "User {UserId} updated (version {Version})")]
    private static partial void LogUpdated(ILogger logger, string userId, int version);

    [LoggerMessage(3, LogLevel.Information, "User {UserId} deleted; open occurrences skipped")]
    private static partial void LogDeleted(ILogger logger, string userId);

    [LoggerMessage(4, LogLevel.Information, "Occurrence {OccurrenceKey} delivered on attempt {Attempt} (late: {Late})")]
    private static partial void LogDelivered(ILogger logger, string occurrenceKey, int attempt, bool late);

    [LoggerMessage(5, LogLevel.Warning, "Occurrence {OccurrenceKey} attempt {Attempt} failed: {Error}; next attempt at {RetryAt}")]
    private static partial void LogRetrying(ILogger logger, string occurrenceKey, int attempt, string? error, Instant retryAt);

    [LoggerMessage(6, LogLevel.Warning, "Occurrence {OccurrenceKey} closed as {Status}: {Reason}")]
    private static partial void LogClosed(ILogger logger, string occurrenceKey, OccurrenceStatus status, string? reason);

    [LoggerMessage(7, LogLevel.Warning, "Occurrence {OccurrenceKey} was left dispatching after attempt {Attempt} with an unknown outcome; resending under the same key")]
    private static partial void LogResendingUnknownOutcome(ILogger logger, string occurrenceKey, int attempt);

    [LoggerMessage(8, LogLevel.Warning, "Writing the state of user {UserId} failed; the activation will restart from storage")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string userId);
}
