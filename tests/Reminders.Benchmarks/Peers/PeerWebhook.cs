using System.Net.Http.Json;

namespace Reminders.Benchmarks.Peers;

/// <summary>
/// The one delivery every peer job makes: <c>POST {"key": key}</c> with an <c>Idempotency-Key: key</c> header.
/// Shared by the peers so that they differ in scheduling only, never in how they talk to the receiver.
/// </summary>
public static class PeerWebhook
{
    /// <summary>The same per-attempt limit as the service's <c>DeliveryOptions.AttemptTimeout</c>, so a hanging receiver costs every contender alike.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    // One client per process, as HttpClient is meant to be used: its pooled connections are what a real job
    // runner would reuse. No cap on connections per server, because the peers' own concurrency limits are
    // what is being measured.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = AttemptTimeout,
    };

    /// <summary>Posts the key; anything but a 2xx answer throws, so that the peer's own retry handling sees a failure.</summary>
    /// <exception cref="HttpRequestException">The receiver answered with a non-success status, or could not be reached.</exception>
    /// <exception cref="TaskCanceledException">The attempt timed out, or <paramref name="cancellationToken"/> fired.</exception>
    public static async Task PostAsync(Uri receiver, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver)
        {
            Content = JsonContent.Create(new WebhookBody(key)),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await Client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private sealed record WebhookBody(string Key);
}
