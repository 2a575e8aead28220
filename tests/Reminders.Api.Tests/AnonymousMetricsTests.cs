using System.Net;

namespace Reminders.Api.Tests;

/// <summary>With keys configured and <c>Reminders:Auth:AnonymousMetrics</c> on, a scraper needs no key for <c>/metrics</c>, and nothing else opens.</summary>
public sealed class AnonymousMetricsTests(AnonymousMetricsTests.Fixture api) : IClassFixture<AnonymousMetricsTests.Fixture>
{
    [Fact]
    public async Task Metrics_WithAnonymousMetrics_AreServedWithoutKey()
    {
        var response = await api.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithAnonymousMetrics_StillNeedsKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/api/v1/occurrences")).StatusCode);
    }

    public sealed class Fixture : ApiFixture
    {
        protected override ApiFactory CreateFactory()
        {
            var settings = SecuredApiFixture.Keys(("admin", "Key", SecuredApiFixture.AdminKey, "admin"));
            settings["Reminders:Auth:AnonymousMetrics"] = "true";
            return new(Database, Clock, Receiver.Url, settings);
        }
    }
}
