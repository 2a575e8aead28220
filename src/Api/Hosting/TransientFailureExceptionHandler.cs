using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Orleans.Storage;

namespace Reminders.Api.Hosting;

/// <summary>
/// Turns failures of the cluster or the database (not of the client's request) into a 503 with
/// <c>Retry-After</c>, so clients retry what is safe to retry: every write here is idempotent.
/// </summary>
public sealed partial class TransientFailureExceptionHandler(IProblemDetailsService problems, ILogger<TransientFailureExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansException or TimeoutException or NpgsqlException or InconsistentStateException))
        {
            return false;
        }

        LogTransientFailure(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = "The cluster or its database did not answer in time. The request is safe to retry.",
            },
        });
    }

    [LoggerMessage(1, LogLevel.Warning, "{Method} {Path} failed with a transient cluster or database error")]
    private static partial void LogTransientFailure(ILogger logger, Exception exception, string method, string path);
}
