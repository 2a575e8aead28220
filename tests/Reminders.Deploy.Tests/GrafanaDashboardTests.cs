using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reminders.Deploy.Tests;

/// <summary>
/// <c>deploy/observability/grafana-dashboard.json</c> parses, takes its Prometheus data source from a variable, and
/// every panel queries PromQL over metrics the silos export (the list below; the live scrape test in
/// tests/Reminders.Cluster.Tests finds them on a real API silo).
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    /// <summary>The series the dashboard and the alerts may use: the Reminders meter, Orleans', Npgsql's, and Prometheus' own.</summary>
    public static readonly IReadOnlySet<string> KnownMetrics = new HashSet<string>(StringComparer.Ordinal)
    {
        "reminders_deliveries_total", "reminders_delivery_lateness_seconds", "reminders_delivery_attempt_duration_seconds",
        "reminders_deliveries_in_flight", "reminders_catchup_wakes_total", "reminders_overdue", "reminders_overdue_oldest_age_seconds",
        "orleans_consistent_ring_size", "db_client_operation_duration_seconds", "db_client_operation_failed_total", "up",
    };

    private static readonly Lazy<JsonDocument> Dashboard = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Tool.RepositoryRoot, "deploy/observability/grafana-dashboard.json"))));

    [Fact]
    public void Dashboard_HasACurrentSchemaAndADataSourceVariable()
    {
        var root = Dashboard.Value.RootElement;

        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 39, "schemaVersion of Grafana 11 or later");
        Assert.Equal("reminders", root.GetProperty("uid").GetString());
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        Assert.Contains(variables, v => v.GetProperty("name").GetString() == "datasource"
            && v.GetProperty("type").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus");
    }

    [Fact]
    public void Dashboard_EveryPanel_QueriesKnownMetricsThroughTheVariable()
    {
        var panels = Dashboard.Value.RootElement.GetProperty("panels").EnumerateArray().ToList();

        Assert.NotEmpty(panels);
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.True(targets.Count > 0, $"panel '{title}' has no query");
            foreach (var target in targets)
            {
                var expr = target.GetProperty("expr").GetString() ?? "";
                Assert.Equal("${datasource}", target.GetProperty("datasource").GetProperty("uid").GetString());
                var metrics = MetricsIn(expr);
                Assert.True(metrics.Count > 0, $"panel '{title}': no metric in '{expr}'");
                Assert.All(metrics, m => Assert.True(KnownMetrics.Contains(m), $"panel '{title}': unknown metric {m}"));
            }
        }
    }

    [Theory]
    [InlineData("Deliveries by outcome", "sum by (outcome) (rate(reminders_deliveries_total")]
    [InlineData("Delivery lateness p50 / p99", "histogram_quantile(0.5, sum by (le) (rate(reminders_delivery_lateness_seconds_bucket")]
    [InlineData("Delivery lateness p50 / p99", "histogram_quantile(0.99, sum by (le) (rate(reminders_delivery_lateness_seconds_bucket")]
    [InlineData("Dead letters", "outcome=\"dead_lettered\"")]
    [InlineData("Overdue backlog", "max(reminders_overdue{")]
    [InlineData("Oldest overdue age", "max(reminders_overdue_oldest_age_seconds{")]
    [InlineData("Deliveries in flight", "reminders_deliveries_in_flight{")]
    [InlineData("Silos", "orleans_consistent_ring_size{")]
    [InlineData("Silos", "sum(up{")]
    [InlineData("Storage latency and errors", "db_client_operation_duration_seconds_bucket{")]
    public void Dashboard_HasThePanel(string title, string query)
    {
        var panel = Dashboard.Value.RootElement.GetProperty("panels").EnumerateArray()
            .SingleOrDefault(p => p.GetProperty("title").GetString() == title);

        Assert.True(panel.ValueKind == JsonValueKind.Object, $"no panel '{title}'");
        Assert.Contains(panel.GetProperty("targets").EnumerateArray(), t => t.GetProperty("expr").GetString()!.Contains(query, StringComparison.Ordinal));
    }

    [Fact]
    public void Alerts_UseOnlyKnownMetrics()
    {
        // The expressions: the indented lines of each "expr: |" block.
        var lines = File.ReadAllLines(Path.Combine(Tool.RepositoryRoot, "deploy/observability/alerts.yml"));
        var expressions = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "expr: |")
            {
                continue;
            }

            var indent = lines[i].Length - lines[i].TrimStart().Length;
            for (var j = i + 1; j < lines.Length && lines[j].Length - lines[j].TrimStart().Length > indent; j++)
            {
                expressions.Add(lines[j]);
            }
        }

        Assert.Equal(PrometheusRules.AlertNames().Count, lines.Count(l => l.Trim() == "expr: |"));
        var metrics = MetricsIn(string.Join('\n', expressions));

        Assert.Equal(
            ["db_client_operation_failed_total", "orleans_consistent_ring_size", "reminders_deliveries_total", "reminders_delivery_lateness_seconds",
             "reminders_overdue", "reminders_overdue_oldest_age_seconds", "up"],
            metrics.Order(StringComparer.Ordinal));
        Assert.All(metrics, m => Assert.True(KnownMetrics.Contains(m), $"alerts.yml: unknown metric {m}"));
    }

    /// <summary>
    /// The metric names in a PromQL text, histogram suffixes removed: what is left of its identifiers once label
    /// matchers, ranges and <c>by</c>/<c>without</c> lists are removed, without functions and keywords.
    /// </summary>
    private static HashSet<string> MetricsIn(string promql)
    {
        var bare = Grouping().Replace(Brackets().Replace(promql, " "), " ");
        return Identifier().Matches(bare)
            .Select(m => m.Groups[1].Value)
            .Where(name => !Keywords.Contains(name))
            .Select(name => HistogramSuffix().Replace(name, ""))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "offset", "bool", "on", "ignoring", "group_left", "group_right", "by", "without",
    };

    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()")]
    private static partial Regex Identifier();

    [GeneratedRegex("_(bucket|count|sum)$")]
    private static partial Regex HistogramSuffix();
}
