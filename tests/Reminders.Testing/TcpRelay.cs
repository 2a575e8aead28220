using System.Net;
using System.Net.Sockets;

namespace Reminders.Testing;

/// <summary>
/// A loopback port that forwards to another while open and refuses connections while closed (nothing listens
/// on it then), for tests of what a service does when its database cannot be reached.
/// </summary>
public sealed class TcpRelay(int targetPort) : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;

    /// <summary>The relay's own port, free (and so refusing) until <see cref="Open"/>.</summary>
    public int Port { get; } = FreeTcpPort.Next();

    /// <summary>Starts listening: new connections reach the target.</summary>
    public void Open()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Start();
            _ = AcceptAsync(_listener);
        }
    }

    /// <summary>Stops listening and cuts every relayed connection.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var target = new TcpClient();
        lock (_gate)
        {
            _connections.Add(client);
            _connections.Add(target);
        }

        try
        {
            await target.ConnectAsync(IPAddress.Loopback, targetPort);
            var up = client.GetStream().CopyToAsync(target.GetStream());
            var down = target.GetStream().CopyToAsync(client.GetStream());
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            client.Dispose();
            target.Dispose();
        }
    }
}
