using System.Net;
using System.Net.Http.Json;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>The API silo's <c>/metrics</c> after real deliveries to the loopback receiver (auth off, as in most API tests).</summary>
public sealed class MetricsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Metrics_AfterDelivery_CountDeliveredAndFillLatenessBuckets()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("metrics-delivered", null))).StatusCode);
        Assert.Equal("delivered", (await api.ClosedOccurrenceAsync("metrics-delivered")).GetProperty("status").GetString());

        var text = await ScrapeUntilAsync(t => Delivered(t, "delivered") >= 1);

        Assert.Equal("text/plain", (await api.Client.GetAsync("/metrics")).Content.Headers.ContentType?.MediaType);
        Assert.True(PrometheusText.Sum(text, "reminders_delivery_lateness_seconds_count", "kind=\"custom\"") >= 1);
        foreach (var bound in new[] { "0.01", "1", "60", "3600", "86400", "+Inf" })
        {
            Assert.Contains($"le=\"{bound}\"", Lines(text, "reminders_delivery_lateness_seconds_bucket"), StringComparison.Ordinal);
        }

        Assert.True(PrometheusText.Sum(text, "reminders_delivery_attempt_duration_seconds_count") >= 1);
        Assert.Equal(0, PrometheusText.Sum(text, "reminders_deliveries_in_flight"));
    }

    [Fact]
    public async Task Metrics_AfterFailedAttempts_CountRetriedAndDeadLettered()
    {
        var attempts = 0;
        api.Receiver.Respond = w => Task.FromResult(
            w.IdempotencyKey?.Contains("metrics-refused", StringComparison.Ordinal) == true ? 400
            : Interlocked.Increment(ref attempts) == 1 ? 500 : 200);
        try
        {
            await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("metrics-retried", null));
            Assert.Equal("delivered", (await api.ClosedOccurrenceAsync("metrics-retried")).GetProperty("status").GetString());
            await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("metrics-refused", null));
            Assert.Equal("deadLettered", (await api.ClosedOccurrenceAsync("metrics-refused")).GetProperty("status").GetString());
        }
        finally
        {
            api.Receiver.Respond = _ => Task.FromResult(200);
        }

        var text = await ScrapeUntilAsync(t => Delivered(t, "retried") >= 1 && Delivered(t, "dead_lettered") >= 1);

        Assert.True(Delivered(text, "delivered") >= 1);
    }

    [Fact]
    public async Task Metrics_IncludeOrleansRuntimeAndOverdueGauges()
    {
        var text = await ScrapeUntilAsync(t => PrometheusText.HasMetricStartingWith(t, "orleans_"));

        Assert.True(PrometheusText.HasMetricStartingWith(text, "dotnet_"), "runtime metrics");
        Assert.True(PrometheusText.HasMetricStartingWith(text, "reminders_overdue"), "the overdue gauges");
        Assert.True(PrometheusText.HasMetricStartingWith(text, "reminders_overdue_oldest_age_seconds"), "the overdue age gauge");
    }

    private static double Delivered(string text, string outcome) =>
        PrometheusText.Sum(text, "reminders_deliveries_total", "kind=\"custom\"", $"outcome=\"{outcome}\"");

    private static string Lines(string text, string name) =>
        string.Join('\n', text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal)));

    // The exporter caches a scrape briefly, and a count may land a moment after the occurrence's row.
    private async Task<string> ScrapeUntilAsync(Func<string, bool> condition)
    {
        var text = "";
        await Eventually.HoldsAsync(async () => condition(text = await api.Client.GetStringAsync("/metrics")), "the metrics show it");
        return text;
    }
}
