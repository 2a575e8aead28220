using System.Globalization;
using System.Text.Json;
using NodaTime;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>A real worker silo process with Reminders:Cluster:HttpPort set serves health (with its zone database) and metrics there, without a key.</summary>
public sealed class WorkerHttpTests
{
    [Fact]
    public async Task WorkerSilo_WithHttpPort_ServesHealthWithTheZoneDatabaseAndMetricsAnonymously()
    {
        await using var database = await PostgresDatabase.CreateAsync(migrate: false);
        var cluster = "worker-http-" + Guid.NewGuid().ToString("N")[..10];
        var httpPort = FreeTcpPort.Next();
        await using var worker = StartWorker(database, cluster, ("Reminders__Cluster__HttpPort", httpPort.ToString(CultureInfo.InvariantCulture)));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };

        await Eventually.HoldsAsync(async () => (await TryGetAsync(http, "/health/ready"))?.IsSuccessStatusCode == true,
            $"the worker is ready; it wrote: {worker.OutputTail}", TimeSpan.FromSeconds(60));
        Assert.True((await http.GetAsync("/health/live")).IsSuccessStatusCode);

        // Ready and live both say which zone database the worker computes with, as the API's health does.
        foreach (var path in new[] { "/health/ready", "/health/live" })
        {
            using var health = JsonDocument.Parse(await http.GetStringAsync(path));
            var zones = health.RootElement.GetProperty("timeZones");
            Assert.Equal(("Healthy", DateTimeZoneProviders.Tzdb.VersionId, "built-in"),
                (health.RootElement.GetProperty("status").GetString(), zones.GetProperty("version").GetString(), zones.GetProperty("source").GetString()));
        }

        using (var ready = JsonDocument.Parse(await http.GetStringAsync("/health/ready")))
        {
            Assert.Equal(["database", "silo"], ready.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
        }

        var text = "";
        await Eventually.HoldsAsync(async () =>
        {
            text = await http.GetStringAsync("/metrics");
            return PrometheusText.HasMetricStartingWith(text, "orleans_") && PrometheusText.HasMetricStartingWith(text, "reminders_overdue");
        }, "the worker's metrics show Orleans and the overdue gauges");
        Assert.True(PrometheusText.HasMetricStartingWith(text, "dotnet_"), "runtime metrics");
    }

    [Fact]
    public async Task WorkerSilo_WithoutHttpPort_ListensOnNoHttpPort()
    {
        await using var database = await PostgresDatabase.CreateAsync(migrate: false);
        var cluster = "worker-nohttp-" + Guid.NewGuid().ToString("N")[..10];
        var urlsPort = FreeTcpPort.Next();
        // ASPNETCORE_URLS is set for an API process beside it, as the cluster tests do: a worker must not take it.
        await using var worker = StartWorker(database, cluster, ("ASPNETCORE_URLS", $"http://127.0.0.1:{urlsPort}"));

        await Eventually.HoldsAsync(async () => await ActiveSilosAsync(database, cluster) == 1,
            $"the worker is active; it wrote: {worker.OutputTail}", TimeSpan.FromSeconds(60));
        // The web host starts after the silo: only once it has may the port's silence count.
        await Eventually.HoldsAsync(() => worker.Output.Contains("Application started", StringComparison.Ordinal),
            $"the worker's host has started; it wrote: {worker.OutputTail}");

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{urlsPort}") };
        Assert.Null(await TryGetAsync(http, "/health/live"));
        Assert.False(worker.HasExited);
    }

    private static async Task<long> ActiveSilosAsync(PostgresDatabase database, string cluster)
    {
        try
        {
            return await database.ScalarAsync<long>(
                "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3", ("cluster", cluster));
        }
        catch (Npgsql.PostgresException)
        {
            return 0; // the silo has not created the table yet
        }
    }

    private static async Task<HttpResponseMessage?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            return await http.GetAsync(path);
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    /// <summary>A worker silo process of its own cluster, with one more setting.</summary>
    private static SiloProcess StartWorker(PostgresDatabase database, string cluster, (string Key, string Value) extra) =>
        SiloProcess.Start("worker", "Silo", "Reminders.Silo.dll", new Dictionary<string, string>
        {
            ["ConnectionStrings__Reminders"] = database.ConnectionString,
            ["Reminders__Cluster__ClusterId"] = cluster,
            ["Reminders__Cluster__ServiceId"] = cluster,
            ["Reminders__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Delivery__WebhookUrl"] = "http://127.0.0.1:9/unused",
            [extra.Key] = extra.Value,
        });
}
