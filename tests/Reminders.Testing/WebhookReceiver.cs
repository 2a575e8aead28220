using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reminders.Testing;

/// <summary>
/// A real HTTP server on loopback that records every delivery, and answers as the test says
/// (200 by default), so tests see exactly what crossed the wire.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _sequence;

    private WebhookReceiver(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    /// <summary>Decides the status code for each request; may also wait, to model a slow receiver.</summary>
    public Func<ReceivedWebhook, Task<int>> Respond { get; set; } = _ => Task.FromResult(StatusCodes.Status200OK);

    /// <summary>Sent as <c>Retry-After</c> (whole seconds) with every 429 and 503, when set.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>The body of every non-2xx answer, when set.</summary>
    public string? ErrorBody { get; set; }

    /// <summary>The raw body of every non-2xx answer, when set (before <see cref="ErrorBody"/>): bytes that need not be UTF-8.</summary>
    public byte[]? ErrorBodyBytes { get; set; }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received.OrderBy(r => r.Sequence)];

    /// <summary>Requests answered with a 2xx, that is, accepted by the receiver.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. Received.Where(r => r.AnsweredWith is >= 200 and < 300)];

    public static async Task<WebhookReceiver> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, clock);
        app.MapPost("/webhook", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/webhook");
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var raw = new MemoryStream();
        await context.Request.Body.CopyToAsync(raw);
        var bytes = raw.ToArray();
        var body = JsonSerializer.Deserialize<JsonElement>(bytes);
        var pending = new ReceivedWebhook(
            Interlocked.Increment(ref _sequence),
            context.Request.Headers["Idempotency-Key"].FirstOrDefault(),
            body.TryGetProperty("email", out var email) ? email.GetString() : null,
            body.TryGetProperty("message", out var message) ? message.GetString() : null,
            _clock.GetUtcNow(),
            AnsweredWith: 0)
        {
            Body = bytes,
            Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        };
        var status = await Respond(pending);
        _received.Enqueue(pending with { AnsweredWith = status });
        if (status is 429 or 503 && RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (status is < 200 or >= 300 && ErrorBodyBytes is { } bytesToSend)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(bytesToSend);
            return Results.Empty;
        }

        return status is >= 200 and < 300 || ErrorBody is null ? Results.StatusCode(status) : Results.Text(ErrorBody, statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
