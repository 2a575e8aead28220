using Microsoft.Extensions.Logging;
using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Entities;

public abstract partial class EntityGrain<TDefinition, TState>
{
    // [LoggerMessage] generates no scopes; DefineScope is its counterpart for them.
    private static readonly Func<ILogger, string, IDisposable?> OccurrenceScope =
        LoggerMessage.DefineScope<string>("Occurrence {OccurrenceKey}");

    [LoggerMessage(1, LogLevel.Information, "{Entity} {Change} (version {Version})")]
    private static partial void LogChanged(ILogger logger, string entity, string change, int version);

    [LoggerMessage(4, LogLevel.Information, "Occurrence {OccurrenceKey} delivered on attempt {Attempt} (late: {Late})")]
    private static partial void LogDelivered(ILogger logger, string occurrenceKey, int attempt, bool late);

    [LoggerMessage(5, LogLevel.Warning, "Occurrence {OccurrenceKey} attempt {Attempt} failed: {Error}; next attempt at {RetryAt}")]
    private static partial void LogRetrying(ILogger logger, string occurrenceKey, int attempt, string? error, Instant retryAt);

    [LoggerMessage(6, LogLevel.Warning, "Occurrence {OccurrenceKey} closed as {Status}: {Reason}")]
    private static partial void LogClosed(ILogger logger, string occurrenceKey, OccurrenceStatus status, string? reason);

    [LoggerMessage(7, LogLevel.Warning, "Occurrence {OccurrenceKey} was left dispatching after attempt {Attempt} with an unknown outcome; resending under the same key")]
    private static partial void LogResendingUnknownOutcome(ILogger logger, string occurrenceKey, int attempt);

    [LoggerMessage(8, LogLevel.Warning, "Writing the state of {Entity} failed; the activation will restart from storage")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string entity);

    [LoggerMessage(9, LogLevel.Information, "Occurrence {OccurrenceKey} deferred, not attempted: {Why}; next try at {RetryAt}")]
    private static partial void LogDeferred(ILogger logger, string occurrenceKey, string? why, Instant retryAt);

    [LoggerMessage(10, LogLevel.Warning, "The dispatch loop of {Entity} stopped; its next wake starts over from the ledger")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string entity);

    [LoggerMessage(11, LogLevel.Warning, "Writing occurrence {OccurrenceKey} to the ledger failed; the activation will restart from storage")]
    private static partial void LogLedgerWriteFailed(ILogger logger, Exception exception, string occurrenceKey);

    [LoggerMessage(12, LogLevel.Warning, "Occurrence {OccurrenceKey} was changed by another activation first; this one stops and sends nothing more")]
    private static partial void LogLostRow(ILogger logger, string occurrenceKey);

    [LoggerMessage(13, LogLevel.Warning, "Occurrence {OccurrenceKey} already has a ledger row written by another activation; this one sends nothing more and stops")]
    private static partial void LogAlreadyRecorded(ILogger logger, string occurrenceKey);

    [LoggerMessage(14, LogLevel.Information, "{Entity}: moved {Count} occurrences from grain state into the ledger table")]
    private static partial void LogLegacyLedgerMoved(ILogger logger, string entity, int count);

    [LoggerMessage(17, LogLevel.Information, "{Entity}: re-armed for {Wake}: its trigger was computed with {Previous}, now with {Current}")]
    private static partial void LogRearmed(ILogger logger, string entity, Instant? wake, string? previous, string current);

    [LoggerMessage(16, LogLevel.Debug, "{Entity}: this silo is shutting down with occurrences due; handing the entity over to a silo that stays")]
    private static partial void LogHandingOver(ILogger logger, string entity);

    [LoggerMessage(15, LogLevel.Warning, "{Entity}: writing its catalog row failed; the catalog repair sweep will write it")]
    private static partial void LogCatalogWriteFailed(ILogger logger, Exception exception, string entity);

    [LoggerMessage(25, LogLevel.Warning, "{Entity} names business calendar {Calendar}, which does not exist; its occurrences are computed without it")]
    protected static partial void LogCalendarMissing(ILogger logger, string entity, string calendar);

    [LoggerMessage(26, LogLevel.Information, "{Entity}: business calendar {Calendar} is now at version {Version}; next trigger recomputed")]
    protected static partial void LogCalendarRefreshed(ILogger logger, string entity, string calendar, int version);

    [LoggerMessage(35, LogLevel.Information, "{Entity}: another activation's claim on an occurrence may still be on the wire; waiting until {Until} before looking again")]
    private static partial void LogWaitingForClaim(ILogger logger, string entity, Instant until);

    [LoggerMessage(36, LogLevel.Information, "Occurrence {OccurrenceKey} attempt {Attempt}, claimed by {ClaimedBy}, got its outcome recorded ({Status}) while its claim held; not resent")]
    private static partial void LogClaimSettled(ILogger logger, string occurrenceKey, int attempt, string? claimedBy, OccurrenceStatus? status);

    [LoggerMessage(18, LogLevel.Information, "{Entity} backfill queued {Queued} of {Missing} occurrences that had no row")]
    private static partial void LogBackfilled(ILogger logger, string entity, int queued, int missing);
}
