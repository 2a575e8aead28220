using System.Reflection;

namespace Reminders.Benchmarks.Peers;

/// <summary>The version a peer library reports about itself, for the results' <see cref="IPeerScheduler.Name"/>.</summary>
public static class PeerVersion
{
    /// <summary>The assembly's informational version (the package version), without its <c>+commit</c> metadata.</summary>
    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "?";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
