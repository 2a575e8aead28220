namespace Reminders.Deploy.Tests;

/// <summary><c>docker-compose config</c> accepts <c>deploy/docker/compose.yaml</c>, the whole demo.</summary>
public sealed class ComposeTests
{
    private const string File = "deploy/docker/compose.yaml";

    private static readonly Lazy<string> Config = new(() => Tool.Run("docker-compose", "-f", File, "config").Succeeded());

    [Fact]
    public void Config_Succeeds_WithTheDemosServices()
    {
        var services = Tool.Run("docker-compose", "-f", File, "config", "--services").Succeeded()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["api", "postgres", "prometheus", "worker-1", "worker-2"], services);
    }

    [Fact]
    public void Config_Silos_BuildTheirTargetsOfOneDockerfile()
    {
        var manifest = Service("api");

        Assert.Contains("dockerfile: deploy/docker/Dockerfile", manifest.Block("build"), StringComparison.Ordinal);
        Assert.Contains("target: api", manifest.Block("build"), StringComparison.Ordinal);
        Assert.Contains("target: worker", Service("worker-1").Block("build"), StringComparison.Ordinal);
        Assert.Contains("target: worker", Service("worker-2").Block("build"), StringComparison.Ordinal);
    }

    [Fact]
    public void Config_Api_HasTheDocumentedDevKey()
    {
        var environment = Service("api").Block("environment");

        // printf %s reminders-dev-key | sha256sum
        Assert.Contains("Reminders__Auth__Keys__0__Sha256: c9bf068e8ad0697b0fa4a7022b2f79ef8204165540694a8831b96be0f1410a00", environment, StringComparison.Ordinal);
        Assert.Contains("Reminders__Auth__Keys__0__Scopes: admin", environment, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_ENVIRONMENT: Production", environment, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("worker-1")]
    [InlineData("worker-2")]
    public void Config_Workers_WaitForAHealthyApiAndDatabase(string name)
    {
        var service = Service(name);

        Assert.Contains("api:\ncondition: service_healthy", service.Block("depends_on"), StringComparison.Ordinal);
        Assert.Contains("postgres:\ncondition: service_healthy", service.Block("depends_on"), StringComparison.Ordinal);
        Assert.Contains("Reminders__Cluster__HttpPort: '8080'", service.Block("environment"), StringComparison.Ordinal);
        Assert.Contains("stop_grace_period: 45s", service.Text, StringComparison.Ordinal);
    }

    /// <summary>One service of the resolved file, as a manifest whose text is that service's block.</summary>
    private static Manifest Service(string name)
    {
        var lines = Config.Value.Split('\n');
        var at = Array.IndexOf(lines, $"  {name}:");
        Assert.True(at >= 0, $"no service '{name}' in the resolved compose file");
        var body = lines.Skip(at + 1).TakeWhile(line => line.StartsWith("    ", StringComparison.Ordinal));
        return new Manifest("service", name, string.Join('\n', body));
    }
}
