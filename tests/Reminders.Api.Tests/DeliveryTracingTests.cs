using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reminders.Grains.Telemetry;

namespace Reminders.Api.Tests;

/// <summary>Through the real API host: the spans and JSON log lines a delivery leaves, and the traceparent its receiver sees.</summary>
public sealed class DeliveryTracingTests(TracedApiFixture api) : IClassFixture<TracedApiFixture>
{
    [Fact]
    public async Task Delivery_StartsClientSpanPerAttempt_LinkedToTheCreateRequestsTrace()
    {
        var createTrace = await CreateTracedAsync("traced-1");

        await api.ClosedOccurrenceAsync("traced-1");

        var webhook = Assert.Single(api.Receiver.Received, r => r.IdempotencyKey!.Contains("traced-1", StringComparison.Ordinal));
        var span = Assert.Single(api.AttemptSpans(webhook.IdempotencyKey!));
        Assert.Equal(
            (ActivityKind.Client, "POST", 1, "POST", webhook.IdempotencyKey, api.Receiver.Url.ToString(), "127.0.0.1", 200, ActivityStatusCode.Unset),
            (span.Kind, span.DisplayName, span.GetTagItem(DeliveryTracing.AttemptTag), span.GetTagItem("http.request.method"),
             span.GetTagItem(DeliveryTracing.OccurrenceKeyTag), span.GetTagItem("url.full"), span.GetTagItem("server.address"),
             span.GetTagItem("http.response.status_code"), span.Status));
        // A root of its own trace, linked to the request that scheduled it.
        Assert.Null(span.ParentId);
        Assert.Equal(createTrace, Assert.Single(span.Links).Context.TraceId);
    }

    [Fact]
    public async Task Delivery_SendsTraceparentOfTheAttemptsTrace()
    {
        await CreateTracedAsync("traced-2");

        await api.ClosedOccurrenceAsync("traced-2");

        var webhook = Assert.Single(api.Receiver.Received, r => r.IdempotencyKey!.Contains("traced-2", StringComparison.Ordinal));
        var span = Assert.Single(api.AttemptSpans(webhook.IdempotencyKey!));
        Assert.True(ActivityContext.TryParse(webhook.Headers["traceparent"], null, out var sent));
        Assert.Equal(span.TraceId, sent.TraceId);
    }

    [Fact]
    public async Task Retry_StartsSecondSpanWithAttemptTwo_LinkedToTheSameTrace()
    {
        var failedOnce = 0;
        api.Receiver.Respond = r => Task.FromResult(
            r.IdempotencyKey!.Contains("traced-retry", StringComparison.Ordinal) && Interlocked.Exchange(ref failedOnce, 1) == 0 ? 500 : 200);
        try
        {
            var createTrace = await CreateTracedAsync("traced-retry");

            await api.ClosedOccurrenceAsync("traced-retry");

            var key = api.Receiver.Received.First(r => r.IdempotencyKey!.Contains("traced-retry", StringComparison.Ordinal)).IdempotencyKey!;
            var spans = api.AttemptSpans(key);
            Assert.Equal(
                [(1, 500, "500", ActivityStatusCode.Error), (2, 200, null, ActivityStatusCode.Unset)],
                spans.Select(s => ((int)s.GetTagItem(DeliveryTracing.AttemptTag)!, (int)s.GetTagItem("http.response.status_code")!,
                    s.GetTagItem("error.type") as string, s.Status)));
            Assert.All(spans, s => Assert.Equal(createTrace, Assert.Single(s.Links).Context.TraceId));
            Assert.NotEqual(spans[0].TraceId, spans[1].TraceId);
        }
        finally
        {
            api.Receiver.Respond = _ => Task.FromResult(200);
        }
    }

    [Fact]
    public async Task DeliveryLogLine_InJsonConsoleFormat_CarriesOccurrenceKeyAndTraceId()
    {
        await CreateTracedAsync("traced-log");

        await api.ClosedOccurrenceAsync("traced-log");

        var key = api.Receiver.Received.Single(r => r.IdempotencyKey!.Contains("traced-log", StringComparison.Ordinal)).IdempotencyKey!;
        var span = Assert.Single(api.AttemptSpans(key));
        var delivered = Assert.Single(api.Logs.Lines, line =>
            line.GetProperty("Message").GetString() == $"Occurrence {key} delivered on attempt 1 (late: False)");
        var scopes = delivered.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => Property(s, "OccurrenceKey") == key);
        Assert.Contains(scopes, s => Property(s, "TraceId") == span.TraceId.ToHexString() && Property(s, "SpanId") == span.SpanId.ToHexString());
    }

    private static string? Property(JsonElement scope, string name) =>
        scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>Creates a one-shot schedule with a request that carries a W3C traceparent; returns that trace's id.</summary>
    private async Task<ActivityTraceId> CreateTracedAsync(string id)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/schedules") { Content = JsonContent.Create(api.OneShot(id, null)) };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return trace;
    }
}
