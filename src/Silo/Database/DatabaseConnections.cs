using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Reminders.Silo.Database;

/// <summary>
/// Opens PostgreSQL connections for every write a silo makes (grain state, reminders, membership through
/// <see cref="ResilientDataSource"/>; the ledger directly), retrying the failures that happen before any
/// statement is sent: refused or reset connects, a server starting up or shutting down (57P03, 57P01),
/// too many clients (53300), an exhausted pool. Such a write never reached the server, so trying again is
/// safe, and a blip of a few seconds no longer abandons a delivery's outcome to a resend a reminder period
/// later. A failure after a statement was sent is never retried here: whether it was applied is unknown, and
/// the conditional writes and the next activation decide.
/// </summary>
public sealed partial class DatabaseConnections
{
    private readonly ResiliencePipeline _open;
    private readonly ResiliencePipeline _openForOutcome;
    private readonly ILogger _logger;
    private readonly Action? _retried;
    private long _retries;
    private int _failing;

    public DatabaseConnections(
        NpgsqlDataSource dataSource, ILogger<DatabaseConnections> logger, Action? retried = null, TimeSpan? budget = null, TimeSpan? outcomeBudget = null)
    {
        DataSource = dataSource;
        _logger = logger;
        _retried = retried;
        Budget = budget ?? DefaultBudget;
        OutcomeBudget = outcomeBudget ?? DatabaseOptions.DefaultOutcomeWriteBudget;
        _open = Pipeline(Budget);
        _openForOutcome = Pipeline(OutcomeBudget);
    }

    /// <summary>
    /// How long opening keeps trying: longer than a PostgreSQL restart or a failover of a managed server,
    /// shorter than Orleans' 30-second response timeout, so the grain call that waits still gets an answer.
    /// </summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(25);

    public NpgsqlDataSource DataSource { get; }

    public TimeSpan Budget { get; }

    /// <summary>How long opening keeps trying for a delivery's outcome (<see cref="DatabaseOptions.OutcomeWriteBudget"/>).</summary>
    public TimeSpan OutcomeBudget { get; }

    /// <summary>How many opens were retried since the silo started (also the <c>reminders.database.open.retries</c> counter).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>
    /// Raised once when a connection opens after opens had been failing: the database is back. Work abandoned
    /// meanwhile (a write that failed after it was sent) can be picked up now rather than at a reminder's next tick.
    /// </summary>
    public event Action? Recovered;

    /// <summary>An open connection from the pool, after retrying what failed before reaching the server for up to <see cref="Budget"/>.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) => OpenAsync(_open, cancellationToken);

    /// <summary>
    /// An open connection for writing a delivery's outcome, retrying for up to <see cref="OutcomeBudget"/>: no grain
    /// call waits on that write, and giving it up turns an attempt the receiver may have accepted into a resend.
    /// </summary>
    public ValueTask<NpgsqlConnection> OpenForOutcomeAsync(CancellationToken cancellationToken = default) => OpenAsync(_openForOutcome, cancellationToken);

    private async ValueTask<NpgsqlConnection> OpenAsync(ResiliencePipeline pipeline, CancellationToken cancellationToken)
    {
        var connection = await pipeline.ExecuteAsync(static async (source, token) => await source.OpenConnectionAsync(token), DataSource, cancellationToken);
        if (Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1)
        {
            // Idle pooled connections may predate a server restart, and would fail their next statement, after
            // sending it; drop them, so writes from here on get connections to the server that is up now.
            DataSource.Clear();
            LogRecovered(_logger, Retries);
            Recovered?.Invoke();
        }

        return connection;
    }

    // The budget is the outer strategy, so it bounds the retries as a whole (Npgsql's Timeout bounds each connect).
    private ResiliencePipeline Pipeline(TimeSpan budget) =>
        new ResiliencePipelineBuilder()
            .AddTimeout(budget)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransientOpenFailure),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(2),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _retries);
                    Volatile.Write(ref _failing, 1);
                    _retried?.Invoke();
                    LogRetrying(_logger, args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>True for a failure to open a connection that nothing was sent on and that may pass by itself.</summary>
    public static bool IsTransientOpenFailure(Exception exception) => exception switch
    {
        // Starting up, shutting down (also what a connect meets during a fast shutdown), too many clients.
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CrashShutdown,
        // Refused, reset or timed-out connects, and a pool with no free connection within its Timeout.
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    [LoggerMessage(1, LogLevel.Warning, "Opening a PostgreSQL connection failed before anything was sent; retry {Attempt} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception? exception, int attempt, TimeSpan delay);

    [LoggerMessage(2, LogLevel.Warning, "PostgreSQL accepts connections again ({Retries} opens retried so far); idle pooled connections dropped")]
    private static partial void LogRecovered(ILogger logger, long retries);
}
