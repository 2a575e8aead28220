using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Reminders.Grains.Delivery;

/// <summary>
/// The rule for client-supplied webhook targets (operator-configured ones are trusted as given): the host must be
/// in <see cref="DeliveryOptions.AllowedTargetHosts"/> when that list is set, and, unless
/// <see cref="DeliveryOptions.AllowPrivateTargets"/>, every address it is or resolves to must be public
/// (<see cref="TargetAddresses"/>). Checked when a URL is validated and again at every connect, where the checked
/// addresses are the ones connected to, so a name that resolves differently later (DNS rebinding) cannot get round it.
/// A name with any forbidden address is refused outright: a public name has no business resolving to a private one.
/// </summary>
public sealed class WebhookTargetGuard(IOptionsMonitor<DeliveryOptions> options, ITargetHostResolver resolver)
{
    /// <summary>How long validation waits for a name to resolve; a name that does not resolve in time is accepted.</summary>
    public static readonly TimeSpan ValidationResolveTimeout = TimeSpan.FromSeconds(2);

    /// <summary>What is wrong with <paramref name="url"/> as a client target, judged without DNS; null when nothing is yet.</summary>
    public string? ProblemBeforeResolving(Uri url)
    {
        var host = TargetHostPatterns.Normalize(url.IdnHost);
        if (!IsListed(host))
        {
            return $"host {host} is not one of the allowed target hosts.";
        }

        return !options.CurrentValue.AllowPrivateTargets && IPAddress.TryParse(host, out var literal) && TargetAddresses.WhyForbidden(literal) is { } why
            ? $"must not point at a private or internal address: {host} is {why}."
            : null;
    }

    /// <summary>
    /// What is wrong with <paramref name="url"/> as a client target, resolving its name (for at most
    /// <see cref="ValidationResolveTimeout"/>); null when nothing is. A name that does not resolve is accepted here:
    /// DNS may be down or not yet set up, and the connect-time check still applies.
    /// </summary>
    public async Task<string?> ProblemAsync(Uri url, CancellationToken cancellationToken)
    {
        if (ProblemBeforeResolving(url) is { } problem)
        {
            return problem;
        }

        var host = TargetHostPatterns.Normalize(url.IdnHost);
        if (options.CurrentValue.AllowPrivateTargets || IPAddress.TryParse(host, out _))
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, cancellationToken).WaitAsync(ValidationResolveTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException or ArgumentException)
        {
            return null;
        }

        return FirstForbidden(addresses) is var (address, why)
            ? $"must not point at a private or internal address: {host} resolves to {address}, {why}."
            : null;
    }

    /// <summary>The addresses a connection to <paramref name="host"/> may use: all of them, or none (then it throws).</summary>
    /// <exception cref="TargetRefusedException">The host is not allowed, or resolves to a forbidden address.</exception>
    public async Task<IPAddress[]> AddressesToConnectAsync(string host, CancellationToken cancellationToken)
    {
        host = TargetHostPatterns.Normalize(host);
        if (!IsListed(host))
        {
            throw new TargetRefusedException($"target host {host} is not allowed: it is not in {DeliveryOptions.SectionName}:AllowedTargetHosts");
        }

        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (!options.CurrentValue.AllowPrivateTargets && FirstForbidden(addresses) is var (address, why))
        {
            throw new TargetRefusedException(
                $"target address {address} is not allowed ({why}{(address.ToString() == host ? "" : $", resolved from {host}")}): " +
                $"client-supplied webhook targets must be public ({DeliveryOptions.SectionName}:AllowPrivateTargets)");
        }

        return addresses;
    }

    private bool IsListed(string host) =>
        options.CurrentValue.AllowedTargetHosts is not { Length: > 0 } allowed || TargetHostPatterns.Matches(host, allowed);

    private static (IPAddress Address, string Why)? FirstForbidden(IEnumerable<IPAddress> addresses) =>
        addresses.Select(a => (Address: a, Why: TargetAddresses.WhyForbidden(a))).FirstOrDefault(a => a.Why is not null) is (var address, { } why)
            ? (address, why)
            : null;
}
