namespace Reminders.Deploy.Tests;

/// <summary><c>kubectl kustomize deploy/k8s</c> renders and holds what a Reminders cluster needs.</summary>
public sealed class KustomizationTests
{
    private static readonly Lazy<IReadOnlyList<Manifest>> Rendered =
        new(() => Manifest.Parse(Tool.Run("kubectl", "kustomize", "deploy/k8s").Succeeded()));

    private static IReadOnlyList<Manifest> Manifests => Rendered.Value;

    private static Manifest Single(string kind, string name) =>
        Assert.Single(Manifests, m => m.Kind == kind && m.Name == name);

    [Fact]
    public void Render_Succeeds_WithTheExpectedKinds()
    {
        var kinds = Manifests.Select(m => $"{m.Kind}/{m.Name}").Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            ["ConfigMap/reminders-settings", "Deployment/reminders-api", "Deployment/reminders-worker",
             "PodDisruptionBudget/reminders-silos", "Service/reminders-api"],
            kinds);
    }

    [Theory]
    [InlineData("reminders-api")]
    [InlineData("reminders-worker")]
    public void Deployment_Probes_AskTheHealthEndpointsOnTheHttpPort(string name)
    {
        var deployment = Single("Deployment", name);

        Assert.Contains("httpGet:\npath: /health/live\nport: http", deployment.Block("livenessProbe"), StringComparison.Ordinal);
        Assert.Contains("httpGet:\npath: /health/ready\nport: http", deployment.Block("readinessProbe"), StringComparison.Ordinal);
        Assert.Contains("httpGet:\npath: /health/live\nport: http", deployment.Block("startupProbe"), StringComparison.Ordinal);
        Assert.Contains("- containerPort: 8080\nname: http", deployment.Block("ports"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reminders-api")]
    [InlineData("reminders-worker")]
    public void Deployment_GracePeriod_ExceedsTheHostsShutdownTimeout(string name)
    {
        var grace = Single("Deployment", name).Integer("terminationGracePeriodSeconds");
        var shutdown = Single("ConfigMap", "reminders-settings").Integer("shutdownTimeoutSeconds");

        Assert.Equal(30, shutdown);
        Assert.True(grace >= shutdown + 10, $"grace {grace} s leaves the host's {shutdown} s shutdown no margin");
    }

    [Theory]
    [InlineData("reminders-api")]
    [InlineData("reminders-worker")]
    public void Deployment_AdvertisedAddress_IsThePodIp(string name)
    {
        var text = Single("Deployment", name).Text;

        Assert.Contains("- name: POD_IP\n          valueFrom:\n            fieldRef:\n              fieldPath: status.podIP", text, StringComparison.Ordinal);
        Assert.Contains("- name: Reminders__Cluster__AdvertisedAddress\n          value: $(POD_IP)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_AreReferencedByName_NeverRendered()
    {
        Assert.DoesNotContain(Manifests, m => m.Kind == "Secret");
        Assert.Contains("name: reminders-api-keys", Single("Deployment", "reminders-api").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("reminders-api-keys", Single("Deployment", "reminders-worker").Text, StringComparison.Ordinal);
        Assert.All(Manifests.Where(m => m.Kind == "Deployment"),
            m => Assert.Contains("secretRef:\n            name: reminders-secrets", m.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Worker_HttpPort_ServesProbesAndMetrics()
    {
        var text = Single("Deployment", "reminders-worker").Text;

        Assert.Contains("- name: Reminders__Cluster__HttpPort\n          value: \"8080\"", text, StringComparison.Ordinal);
        Assert.Contains("prometheus.io/port: \"8080\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DisruptionBudget_CoversEverySilo_OneAtATime()
    {
        var text = Single("PodDisruptionBudget", "reminders-silos").Text;

        Assert.Equal(1, Single("PodDisruptionBudget", "reminders-silos").Integer("maxUnavailable"));
        Assert.Contains("matchLabels:\n      app.kubernetes.io/name: reminders\n", text, StringComparison.Ordinal);
    }
}
