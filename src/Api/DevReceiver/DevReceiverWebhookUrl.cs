using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Reminders.Grains.Delivery;

namespace Reminders.Api.DevReceiver;

/// <summary>Points deliveries at this API's own development receiver once the server knows its address.</summary>
public sealed class DevReceiverWebhookUrl(IServer server) : IDefaultWebhookUrlProvider
{
    private Uri? _url;

    public Uri? GetDefaultWebhookUrl() => _url ??= Resolve();

    private Uri? Resolve()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase)) // plain http first: no certificate to trust
            .FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        // Wildcard bindings are reachable on loopback.
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal))
        {
            Path = DevReceiverEndpoints.Path,
        };
        return uri.Uri;
    }
}
