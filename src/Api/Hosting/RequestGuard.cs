using Microsoft.AspNetCore.Http.Features;
using Reminders.Api.Validation;

namespace Reminders.Api.Hosting;

/// <summary>
/// Checks what every request carries outside its body before any endpoint reads it, answering with a problem:
/// a request target over <see cref="MaxTargetBytes"/> (414) or headers over <see cref="MaxHeaderBytes"/> (431),
/// and a path or query value with control characters (400 naming the parameter): PostgreSQL refuses NUL in text,
/// so a <c>%00</c> that reached a query would otherwise look like a database outage. Kestrel's own limits sit above
/// these (<see cref="ApiHostingExtensions"/>), so a request just over them still gets a problem document here
/// rather than Kestrel's empty answer.
/// </summary>
public sealed class RequestGuard(RequestDelegate next, IProblemDetailsService problems)
{
    /// <summary>The longest request target (path and query, as sent) served, in bytes.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>The most header bytes (names and values) served.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        if (target.Length > MaxTargetBytes)
        {
            await WriteAsync(context, StatusCodes.Status414UriTooLong, "Request target too long",
                $"The path and query must be at most {MaxTargetBytes / 1024} KiB.");
            return;
        }

        if (HeaderBytes(context.Request.Headers) > MaxHeaderBytes)
        {
            await WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
                $"The request headers must be at most {MaxHeaderBytes / 1024} KiB in all.");
            return;
        }

        if (TextProblem(context.Request) is { } problem)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [problem.Field] = [problem.Error] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request is invalid.",
                    Detail = "See 'errors' for each field that was rejected.",
                },
            });
            return;
        }

        await next(context);
    }

    private static (string Field, string Error)? TextProblem(HttpRequest request)
    {
        if (request.Path.Value is { } path && TextRules.Problem(path, multiline: false) is { } pathProblem)
        {
            return ("path", $"the path {pathProblem}");
        }

        foreach (var (name, values) in request.Query)
        {
            if (TextRules.Problem(name, multiline: false) is { } nameProblem)
            {
                return ("query", $"a query parameter name {nameProblem}");
            }

            foreach (var value in values)
            {
                if (value is not null && TextRules.Problem(value, multiline: false) is { } valueProblem)
                {
                    return (name, $"{name} {valueProblem}");
                }
            }
        }

        return null;
    }

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                total += name.Length + (value?.Length ?? 0);
            }
        }

        return total;
    }

    private Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
