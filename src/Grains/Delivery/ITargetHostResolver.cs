using System.Net;

namespace Reminders.Grains.Delivery;

/// <summary>
/// Resolves a webhook target's host name to addresses, for the checks on client-supplied targets (when a URL is
/// validated and again when a connection is made). Tests replace it to stage names and DNS rebinding.
/// </summary>
public interface ITargetHostResolver
{
    /// <summary>The host's addresses; throws (such as <see cref="System.Net.Sockets.SocketException"/>) when it does not resolve.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
