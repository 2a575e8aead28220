using System.Net;

namespace Reminders.Api.Tests;

/// <summary>The API host as an operator sees it: schema, cluster membership, health, dashboard.</summary>
public sealed class HostTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Startup_MigratesTheSchemaAndJoinsTheClusterThroughPostgres()
    {
        Assert.Equal((long)Reminders.Silo.Database.Migration.All.Count, await api.Database.ScalarAsync<long>("SELECT count(*) FROM reminders_schema_version"));
        Assert.Equal(1L, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3", ("cluster", api.Factory.ServiceId)));
    }

    [Fact]
    public async Task Live_IsHealthy()
    {
        var response = await api.Client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await Json.ReadAsync(response)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithoutTimeTravel_ReportsTheRealClockMode(string path)
    {
        var clock = (await Json.ReadAsync(await api.Client.GetAsync(path))).GetProperty("clock");

        Assert.Equal("real", clock.GetProperty("mode").GetString());
        Assert.Equal(api.Clock.GetUtcNow(), DateTimeOffset.Parse(clock.GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(clock.TryGetProperty("startAt", out _));
        Assert.False(clock.TryGetProperty("speed", out _));
    }

    [Fact]
    public async Task Ready_ReportsTheSiloAndTheDatabase()
    {
        var response = await api.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await Json.ReadAsync(response)).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("silo").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_ReportsTheBuiltInZoneDatabaseVersion()
    {
        var zones = (await Json.ReadAsync(await api.Client.GetAsync("/health/ready"))).GetProperty("timeZones");

        Assert.Equal(NodaTime.DateTimeZoneProviders.Tzdb.VersionId, zones.GetProperty("version").GetString());
        Assert.Equal("built-in", zones.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Dashboard_IsServedUnderDashboard()
    {
        var page = await api.Client.GetAsync("/dashboard/");
        var version = await api.Client.GetAsync("/dashboard/version");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        var response = await api.Client.GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
