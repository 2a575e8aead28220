using System.Text.RegularExpressions;

namespace Reminders.Deploy.Tests;

/// <summary>What <c>deploy/observability/alerts.yml</c> defines, read as text (the repository has no YAML parser).</summary>
internal static partial class PrometheusRules
{
    public static IReadOnlyList<string> AlertNames() =>
        AlertLine().Matches(File.ReadAllText(Path.Combine(Tool.RepositoryRoot, "deploy/observability/alerts.yml")))
            .Select(m => m.Groups[1].Value)
            .ToList();

    [GeneratedRegex(@"^\s*- alert: (\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertLine();
}
