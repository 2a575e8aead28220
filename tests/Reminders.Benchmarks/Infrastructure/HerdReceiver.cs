using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reminders.Benchmarks.Infrastructure;

/// <summary>
/// The delivery scenarios' receiver: Kestrel on loopback answering every POST 200 and keeping only each key's first
/// arrival and a count of repeats. No request log, body copy or routing: at thousands of deliveries a second on two
/// cores the recording <c>FaultyReceiver</c> costs the machine ~400 us of CPU per delivery, this one a fraction.
/// </summary>
public sealed class HerdReceiver : IAsyncDisposable
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstArrival = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _duplicates;
    private int _withoutKey;

    private HerdReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>How many distinct keys were accepted: what a wait loop compares with N, in constant time.</summary>
    public int AcceptedKeys => _firstArrival.Count;

    /// <summary>Requests for a key already accepted: each one a duplicate delivery.</summary>
    public int DuplicateAcceptances => Volatile.Read(ref _duplicates);

    /// <summary>Requests without an Idempotency-Key header (none are expected; peers and ours all send one).</summary>
    public int WithoutKey => Volatile.Read(ref _withoutKey);

    /// <summary>Each accepted key and its first arrival.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> FirstArrivals => _firstArrival;

    public bool HasAccepted(string key) => _firstArrival.ContainsKey(key);

    public static async Task<HerdReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new HerdReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/webhook");
        return receiver;
    }

    private Task HandleAsync(HttpContext context)
    {
        var at = TimeProvider.System.GetUtcNow();
        if (context.Request.Headers[IdempotencyKeyHeader].ToString() is { Length: > 0 } key)
        {
            if (!_firstArrival.TryAdd(key, at))
            {
                Interlocked.Increment(ref _duplicates);
            }
        }
        else
        {
            Interlocked.Increment(ref _withoutKey);
        }

        // Kestrel drains the unread body itself; the response is an empty 200.
        context.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
