using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Primitives;

namespace Reminders.FaultInjection;

/// <summary>
/// A webhook receiver on loopback that fails like a real one (500s, hangs, slow answers, 429 with
/// <c>Retry-After</c>, per a <see cref="FaultProfile"/>), deduplicates on <c>Idempotency-Key</c>, and records
/// every request. <c>POST</c> to any path is a delivery; <c>GET /requests</c> is the summary and
/// <c>GET /requests/all</c> the log.
/// </summary>
/// <remarks>
/// A key is accepted when a 2xx is sent for it the first time. A later request for it is a duplicate,
/// answered <see cref="FaultProfile.DuplicateStatus"/> and counted in <see cref="DuplicateAcceptances"/>, never
/// accepted twice; a request for a key whose request is still being handled is answered 409. Arrival times are
/// read from the injected clock; hangs and slow answers wait on a separate clock, real time by default, because
/// they model the network, which a fake service clock does not drive.
/// </remarks>
public sealed class FaultyReceiver : IAsyncDisposable
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string WebhookIdHeader = "webhook-id";

    /// <summary>Bodies above this are refused by Kestrel (413) and not recorded.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private readonly WebApplication _app;
    private readonly ReceiverLedger _ledger;
    private readonly TimeProvider _clock;
    private readonly TimeProvider _delays;

    private FaultyReceiver(WebApplication app, ReceiverLedger ledger, TimeProvider clock, TimeProvider delays)
    {
        _app = app;
        _ledger = ledger;
        _clock = clock;
        _delays = delays;
    }

    /// <summary>The address webhooks should be sent to: <c>http://127.0.0.1:{port}/webhook</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The profile deciding fresh keys from now on. Setting one with a seed restarts the draws from it.</summary>
    public FaultProfile Profile
    {
        get => _ledger.Profile;
        set => _ledger.Profile = value;
    }

    /// <summary>The seed of the draws (the profile's, or one picked at start).</summary>
    public int Seed => _ledger.Seed;

    /// <summary>Every request so far, in arrival order, pending ones included.</summary>
    public IReadOnlyList<RecordedRequest> Received => _ledger.Requests();

    /// <summary>The distinct keys accepted.</summary>
    public IReadOnlyCollection<string> Accepted => _ledger.Accepted();

    /// <summary>Requests for a key already accepted: each is a copy a receiver that does not deduplicate would have accepted again.</summary>
    public int DuplicateAcceptances => _ledger.DuplicateAcceptances;

    /// <summary>Keys whose first request is still being handled (hanging or slow).</summary>
    public IReadOnlyCollection<string> KeysInProgress => _ledger.KeysInProgress();

    /// <summary>The counts: received, pending, accepted keys, duplicates, per outcome.</summary>
    public FaultyReceiverSummary Summary => _ledger.Summary();

    /// <summary>Cancelled when the receiver starts stopping: on dispose, or on Ctrl+C or SIGTERM.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Requests recorded with <paramref name="outcome"/>.</summary>
    public int Count(FaultOutcome outcome) => Summary.Outcomes[outcome];

    /// <summary>Starts listening on 127.0.0.1 (only), on <paramref name="port"/> or, with 0, on a free port.</summary>
    /// <param name="clock">Stamps arrivals; the service clock in tests. The default is the system clock.</param>
    /// <param name="delays">Times hangs and slow answers. The default is the system clock.</param>
    /// <exception cref="ArgumentException">The profile is invalid.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<FaultyReceiver> StartAsync(
        FaultProfile profile,
        TimeProvider? clock = null,
        TimeProvider? delays = null,
        int port = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var ledger = new ReceiverLedger(profile);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // Pending hangs end as soon as stopping starts (see Stopping), so this only bounds a stuck connection.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();

        var receiver = new FaultyReceiver(app, ledger, clock ?? TimeProvider.System, delays ?? TimeProvider.System);
        app.MapGet("/requests", () => TypedResults.Ok(receiver.Summary));
        app.MapGet("/requests/all", () => TypedResults.Ok(receiver.Received));
        app.MapPost("/{**path}", (RequestDelegate)receiver.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        receiver.Url = new Uri(receiver.BaseAddress, "webhook");
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = _clock.GetUtcNow();
        string body;
        using (var reader = new StreamReader(context.Request.Body))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = context.Request.Headers;
        var (request, profile) = _ledger.Admit(
            context.Request.Path.Value ?? "/",
            NullIfEmpty(headers[IdempotencyKeyHeader]),
            NullIfEmpty(headers[WebhookIdHeader]),
            at,
            body);

        switch (request.Outcome)
        {
            case FaultOutcome.Ok:
                await AnswerAsync(context, request, StatusCodes.Status200OK);
                break;
            case FaultOutcome.Error:
                await AnswerAsync(context, request, StatusCodes.Status500InternalServerError, "injected fault");
                break;
            case FaultOutcome.Throttle:
                context.Response.Headers.RetryAfter = profile.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await AnswerAsync(context, request, StatusCodes.Status429TooManyRequests, "slow down");
                break;
            case FaultOutcome.Slow:
                if (await WaitAsync(context, request, profile.SlowDelay))
                {
                    await AnswerAsync(context, request, StatusCodes.Status200OK);
                }

                break;
            case FaultOutcome.Hang:
                if (await WaitAsync(context, request, profile.HangDuration))
                {
                    Drop(context, request);
                }

                break;
            case FaultOutcome.Duplicate:
                await AnswerAsync(context, request, profile.DuplicateStatus);
                break;
            case FaultOutcome.KeyInProgress:
                await AnswerAsync(context, request, StatusCodes.Status409Conflict, "a request for this key is in progress");
                break;
            case FaultOutcome.MissingKey:
                await AnswerAsync(context, request, StatusCodes.Status400BadRequest, $"{IdempotencyKeyHeader} header required");
                break;
        }
    }

    /// <summary>True when the delay ran out; false when the client gave up or the receiver is stopping (the request then ended).</summary>
    private async Task<bool> WaitAsync(HttpContext context, RecordedRequest request, TimeSpan delay)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, Stopping);
        try
        {
            await Task.Delay(delay, _delays, ended.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                _ledger.End(request, RequestState.Aborted);
            }
            else
            {
                Drop(context, request);
            }

            return false;
        }
    }

    private void Drop(HttpContext context, RecordedRequest request)
    {
        _ledger.End(request, RequestState.Dropped);
        context.Abort();
    }

    private async Task AnswerAsync(HttpContext context, RecordedRequest request, int status, string? text = null)
    {
        _ledger.Answer(request, status);
        context.Response.StatusCode = status;
        if (text is not null)
        {
            // Not on RequestAborted: writing to a connection the client closed is a no-op, not a failure.
            await context.Response.WriteAsync(text);
        }
    }

    private static string? NullIfEmpty(StringValues values) =>
        values.FirstOrDefault() is { Length: > 0 } value ? value : null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
