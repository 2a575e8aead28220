using System.Net.Sockets;

namespace Reminders.Grains.Delivery;

/// <summary>
/// The connect step of the client-target HTTP handler: resolves the host through the <see cref="WebhookTargetGuard"/>
/// and connects the socket to the checked addresses themselves, so nothing resolves the name a second time between
/// the check and the connect.
/// </summary>
public sealed class GuardedConnector(WebhookTargetGuard guard)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await guard.AddressesToConnectAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);

        // Dual mode (where the OS has IPv6), so one socket reaches IPv4 and IPv6 addresses alike.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
