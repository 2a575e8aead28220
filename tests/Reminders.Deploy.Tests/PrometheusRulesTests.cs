namespace Reminders.Deploy.Tests;

/// <summary>
/// promtool (the Debian package prometheus) accepts <c>deploy/observability/</c>: the scrape configuration, the
/// alert rules, and the rules' unit tests, which fire every alert on synthetic series.
/// </summary>
public sealed class PrometheusRulesTests
{
    private const string Directory = "deploy/observability";

    [Fact]
    public void CheckConfig_ScrapeConfiguration_IsValid()
    {
        // --syntax-only: the admin key's credentials_file exists only where Prometheus runs.
        var output = Tool.Run("promtool", "check", "config", "--syntax-only", $"{Directory}/prometheus.yml").Succeeded();

        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRules_Alerts_AreValid()
    {
        var output = Tool.Run("promtool", "check", "rules", $"{Directory}/alerts.yml").Succeeded();

        Assert.Contains("SUCCESS: 7 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TestRules_EveryAlert_FiresInItsUnitTest()
    {
        var output = Tool.Run("promtool", "test", "rules", $"{Directory}/alerts.test.yml").Succeeded();
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);

        var tests = File.ReadAllText(Path.Combine(Tool.RepositoryRoot, Directory, "alerts.test.yml"));
        foreach (var alert in PrometheusRules.AlertNames())
        {
            Assert.Contains($"alertname: {alert}\n        exp_alerts:\n          - exp_labels:", tests, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DockerDemo_LoadsTheSameAlerts()
    {
        var output = Tool.Run("promtool", "check", "config", "deploy/docker/prometheus.yml").Succeeded();

        Assert.Contains("SUCCESS: 7 rules found", output, StringComparison.Ordinal);
    }
}
