using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Reminders.Benchmarks.Results;

/// <summary>Writes the results as Markdown tables (one per scenario, systems as rows) and as JSON.</summary>
public static class ResultsWriter
{
    public static string Markdown(BenchmarkRun run)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {run.StartedUtc:yyyy-MM-dd HH:mm} UTC on {run.Machine}; command: `{run.Command}`");
        foreach (var scenario in run.Results.GroupBy(r => r.Scenario))
        {
            var metrics = scenario.SelectMany(r => r.Metrics.Select(m => m.Key)).Distinct().ToList();
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"#### {scenario.Key}").AppendLine();
            text.AppendLine("| system | " + string.Join(" | ", metrics) + " |");
            text.AppendLine("|---|" + string.Concat(metrics.Select(_ => "---:|")));
            foreach (var result in scenario)
            {
                text.AppendLine("| " + result.System + " | " + string.Join(" | ", metrics.Select(m => Format(result[m]))) + " |");
            }
        }

        text.AppendLine().AppendLine("#### Settings").AppendLine();
        foreach (var (system, settings) in run.Settings)
        {
            text.Append(CultureInfo.InvariantCulture, $"- **{system}**: ").AppendLine(string.Join("; ", settings.Select(s => $"{s.Key} = {s.Value}")));
        }

        return text.ToString();
    }

    public static string Json(BenchmarkRun run) =>
        JsonSerializer.Serialize(new
        {
            startedUtc = run.StartedUtc,
            machine = run.Machine,
            command = run.Command,
            results = run.Results.Select(r => new { scenario = r.Scenario, system = r.System, metrics = r.Metrics.ToDictionary(m => m.Key, m => m.Value) }),
            settings = run.Settings,
        }, Indented);

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Web) { WriteIndented = true };

    private static string Format(object? value) => value switch
    {
        null => "–",
        double d => d.ToString(Math.Abs(d) >= 100 ? "0" : Math.Abs(d) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
