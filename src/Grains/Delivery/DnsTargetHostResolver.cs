using System.Net;

namespace Reminders.Grains.Delivery;

/// <summary>Resolves through the system's resolver (<see cref="Dns"/>), as an unguarded connection would.</summary>
public sealed class DnsTargetHostResolver : ITargetHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
