using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// A real Prometheus server scrapes a real API silo process and a worker silo process the way
/// deploy/observability/prometheus.yml does (the API with an admin key from a credentials file, the worker on its HTTP port), loads deploy/observability/alerts.yml, and sees a delivery through its
/// query API.
/// </summary>
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task Prometheus_ScrapingTheApiAndWorkerSilos_SeesTheDeliveryLatenessBucketsAndBothSilos()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var apiPort = FreeTcpPort.Next();
        var cluster = "prometheus-" + Guid.NewGuid().ToString("N")[..10];
        var workerPort = FreeTcpPort.Next();
        Dictionary<string, string> Silo() => new()
        {
            ["ConnectionStrings__Reminders"] = database.ConnectionString,
            ["Reminders__Cluster__ClusterId"] = cluster,
            ["Reminders__Cluster__ServiceId"] = cluster,
            ["Reminders__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Delivery__WebhookUrl"] = receiver.Url.ToString(),
        };
        var worker = Silo();
        worker["Reminders__Cluster__HttpPort"] = workerPort.ToString(CultureInfo.InvariantCulture);
        await using var workerSilo = SiloProcess.Start("worker", "Silo", "Reminders.Silo.dll", worker);
        await using var api = SiloProcess.Start("api", "Api", "Reminders.Api.dll", new Dictionary<string, string>(Silo())
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}",
            ["Reminders__Auth__Keys__0__Name"] = "prometheus",
            ["Reminders__Auth__Keys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            ["Reminders__Auth__Keys__0__Scopes"] = "admin",
            ["Reminders__Auth__RequestsPerSecond"] = "0",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await Eventually.HoldsAsync(async () => await IsReadyAsync(http), $"the API is ready; it wrote: {api.OutputTail}", TimeSpan.FromSeconds(90));

        var directory = Directory.CreateTempSubdirectory("reminders-prometheus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "admin-key"), key);
        var alerts = Path.Combine(SiloProcess.RepositoryRoot(), "deploy", "observability", "alerts.yml");
        await using var prometheus = await PrometheusServer.StartAsync(directory, $$"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {{alerts}}
            scrape_configs:
              - job_name: reminders-api
                authorization:
                  type: Bearer
                  credentials_file: admin-key
                static_configs:
                  - targets: ["127.0.0.1:{{apiPort}}"]
              - job_name: reminders-worker
                static_configs:
                  - targets: ["127.0.0.1:{{workerPort}}"]
            """);

        // A one-shot schedule due a few seconds from now (start has second precision), in UTC.
        var due = TimeProvider.System.GetUtcNow().AddSeconds(8);
        using var created = await http.PostAsJsonAsync("/api/v1/schedules", new
        {
            id = "scraped", kind = "custom", timezone = "UTC",
            start = due.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            recipient = new { firstName = "Ada" }, message = "Hi {firstName}",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Eventually.HoldsAsync(() => receiver.Accepted.Count == 1, $"the occurrence is delivered; the API wrote: {api.OutputTail}", TimeSpan.FromSeconds(60));

        await Eventually.HoldsAsync(async () => await prometheus.ScalarAsync(
                "sum(reminders_deliveries_total{kind=\"custom\",outcome=\"delivered\"})") == 1,
            $"Prometheus sees one delivery; it wrote: {prometheus.OutputTail}");
        Assert.Equal(1, await prometheus.ScalarAsync("up{job=\"reminders-api\"}"));
        await Eventually.HoldsAsync(async () => await prometheus.ScalarAsync("up{job=\"reminders-worker\"}") == 1,
            $"Prometheus scrapes the worker; it wrote: {workerSilo.OutputTail}", TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(async () => await prometheus.ScalarAsync("min(orleans_consistent_ring_size)") == 2,
            $"both silos see a ring of two; the worker wrote: {workerSilo.OutputTail}", TimeSpan.FromSeconds(60));
        Assert.Equal(1, await prometheus.ScalarAsync("sum(reminders_delivery_lateness_seconds_bucket{kind=\"custom\",le=\"+Inf\"})"));
        Assert.True((await prometheus.QueryAsync("reminders_delivery_lateness_seconds_bucket{kind=\"custom\"}")).GetArrayLength() > 1, "lateness buckets");
        // What the dashboard and the alerts read, from this silo (db_client_operation_failed_total appears with the first failure).
        foreach (var metric in new[] { "reminders_overdue", "reminders_overdue_oldest_age_seconds", "reminders_deliveries_in_flight",
                     "reminders_delivery_attempt_duration_seconds_bucket", "orleans_consistent_ring_size", "db_client_operation_duration_seconds_bucket" })
        {
            Assert.True((await prometheus.QueryAsync(metric)).GetArrayLength() > 0, $"Prometheus has {metric}");
        }

        var rules = await prometheus.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/rules");
        Assert.Equal(7, rules.GetProperty("data").GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("rules").GetArrayLength()));
    }

    private static async Task<bool> IsReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
