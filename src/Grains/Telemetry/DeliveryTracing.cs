using System.Diagnostics;
using System.Net;

namespace Reminders.Grains.Telemetry;

/// <summary>
/// The <c>Reminders</c> activity source: one client span per delivery attempt, in the OpenTelemetry HTTP client
/// names (<c>http.request.method</c>, <c>url.full</c>, <c>server.address</c>, <c>http.response.status_code</c>,
/// <c>error.type</c>) plus <c>reminders.occurrence.key</c> and <c>reminders.attempt</c>.
/// </summary>
public static class DeliveryTracing
{
    public const string SourceName = "Reminders";
    public const string OccurrenceKeyTag = "reminders.occurrence.key";
    public const string AttemptTag = "reminders.attempt";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The W3C traceparent of the current activity, kept with an entity's change so its attempts can link to it.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts attempt <paramref name="attempt"/> of <paramref name="occurrenceKey"/> as the root of its own trace, linked
    /// to <paramref name="changeTraceParent"/>: it runs minutes or years after the request that scheduled it, so it
    /// belongs beside that trace, not inside it (nor inside whichever grain call happened to start the dispatch loop).
    /// </summary>
    public static Activity? StartAttempt(string occurrenceKey, int attempt, string? changeTraceParent)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityLink[]? links = ActivityContext.TryParse(changeTraceParent, null, isRemote: true, out var origin) ? [new ActivityLink(origin)] : null;
        var caller = Activity.Current;
        Activity.Current = null;
        var activity = Source.StartActivity(
            ActivityKind.Client,
            tags: [new(OccurrenceKeyTag, occurrenceKey), new(AttemptTag, attempt)],
            links: links,
            name: "deliver");
        if (activity is null)
        {
            Activity.Current = caller;
        }

        return activity;
    }

    /// <summary>The attempt span on the wire now, if this send is part of one (channels fill in what they know of the request).</summary>
    public static Activity? CurrentAttempt() =>
        Activity.Current is { Source.Name: SourceName } current ? current : null;

    /// <summary>Names the span for its HTTP request, as the HTTP client conventions say (<c>{method}</c>).</summary>
    public static void HttpRequest(this Activity attempt, HttpMethod method, Uri url)
    {
        attempt.DisplayName = method.Method;
        attempt.SetTag("http.request.method", method.Method);
        // The webhook URL is the operator's or the client's own; user info never belongs in telemetry.
        attempt.SetTag("url.full", url.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped));
        attempt.SetTag("server.address", url.Host);
        attempt.SetTag("server.port", url.Port);
    }

    /// <summary>Records the receiver's answer; 4xx and 5xx are errors for a client span.</summary>
    public static void HttpResponse(this Activity attempt, HttpStatusCode status)
    {
        var code = (int)status;
        attempt.SetTag("http.response.status_code", code);
        if (code >= 400)
        {
            attempt.SetTag("error.type", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            attempt.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>Records a request that got no answer: <c>error.type</c> is the <see cref="HttpRequestError"/> in snake case, or the exception's type.</summary>
    public static void HttpFailure(this Activity attempt, Exception exception)
    {
        var type = exception is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http
            ? SnakeCase(http.HttpRequestError.ToString())
            : exception.GetType().FullName;
        attempt.SetTag("error.type", type);
        attempt.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
