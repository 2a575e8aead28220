using System.Globalization;

namespace Reminders.Testing;

/// <summary>Reads samples out of a Prometheus text exposition, label order and extra labels (such as otel_scope_name) notwithstanding.</summary>
public static class PrometheusText
{
    /// <summary>The sum of the samples of <paramref name="name"/> that carry every one of <paramref name="labels"/> (<c>key="value"</c>); 0 when none.</summary>
    public static double Sum(string exposition, string name, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var sum = 0.0;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) || !labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            {
                continue;
            }

            var value = line[(line.LastIndexOf('}') + 2)..].Split(' ')[0];
            sum += double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    /// <summary>True when some sample's name starts with <paramref name="prefix"/>.</summary>
    public static bool HasMetricStartingWith(string exposition, string prefix) =>
        exposition.Split('\n').Any(l => l.StartsWith(prefix, StringComparison.Ordinal));
}
