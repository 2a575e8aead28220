namespace Reminders.Grains.Delivery;

/// <summary>
/// The allowed-host list for client targets (<see cref="DeliveryOptions.AllowedTargetHosts"/>): each entry is a host
/// that must match exactly (<c>hooks.example.com</c>, or an IP literal) or <c>*.</c> and a domain, matching any host
/// below it at any depth (<c>*.example.com</c> matches <c>a.example.com</c> and <c>a.b.example.com</c>, not
/// <c>example.com</c>). Case and a trailing dot are ignored; names compare in their ASCII (punycode) form.
/// </summary>
public static class TargetHostPatterns
{
    /// <summary>The host as it is compared and resolved: the URL's ASCII host, without brackets or a trailing dot, in lower case.</summary>
    public static string Normalize(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    /// <summary>Why <paramref name="pattern"/> is not a valid entry, or null when it is.</summary>
    public static string? Problem(string? pattern)
    {
        var host = pattern is null ? null : pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        return string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown
            ? "must be a host name such as hooks.example.com, or *. and a domain such as *.example.com (no scheme, port or path)"
            : null;
    }

    /// <summary>True when <paramref name="host"/> (normalized) matches one of <paramref name="patterns"/>.</summary>
    public static bool Matches(string host, IEnumerable<string> patterns) =>
        patterns.Select(ToAscii).Any(p => p.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(p[1..], StringComparison.Ordinal)
            : host == p);

    private static string ToAscii(string pattern)
    {
        var wildcard = pattern.StartsWith("*.", StringComparison.Ordinal);
        var host = wildcard ? pattern[2..] : pattern;
        var ascii = Uri.TryCreate($"http://{host}/", UriKind.Absolute, out var url) ? url.IdnHost : host;
        return (wildcard ? "*." : "") + Normalize(ascii);
    }
}
