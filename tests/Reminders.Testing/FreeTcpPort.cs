using System.Net;
using System.Net.Sockets;

namespace Reminders.Testing;

/// <summary>Finds loopback ports nobody is listening on, for silos started by tests.</summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
