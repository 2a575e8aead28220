using System.Reflection;

namespace Reminders.Benchmarks.Peers;

/// <summary>The version a peer library reports about itself, for the results' <see cref="IPeerScheduler.Name"/>.</summary>
public static class PeerVersion
{
    /// <summary>
    /// The assembly's informational version (the package version), without its <c>+commit</c> metadata or a
    /// zero fourth part (Hangfire stamps <c>1.8.25.0</c> for package 1.8.25).
    /// </summary>
    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "?";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        version = plus < 0 ? version : version[..plus];
        return version.Count(c => c == '.') == 3 && version.EndsWith(".0", StringComparison.Ordinal) ? version[..^2] : version;
    }
}
