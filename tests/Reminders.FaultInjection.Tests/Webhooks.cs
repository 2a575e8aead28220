using System.Text;

namespace Reminders.FaultInjection.Tests;

/// <summary>Sends deliveries the way the service does: a JSON POST with an <c>Idempotency-Key</c>.</summary>
public static class Webhooks
{
    public static Task<HttpResponseMessage> PostAsync(
        HttpClient client, Uri url, string? key, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("""{"message":"hi"}""", Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add(FaultyReceiver.IdempotencyKeyHeader, key);
        }

        return client.SendAsync(request, cancellationToken);
    }

    /// <summary>The status code of one delivery.</summary>
    public static async Task<int> StatusAsync(HttpClient client, Uri url, string? key)
    {
        using var response = await PostAsync(client, url, key);
        return (int)response.StatusCode;
    }
}
