using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reminders.Api.Tests;

/// <summary><c>GET /api/v1/stats</c> on the real host after one delivery and one dead letter.</summary>
public sealed class StatsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Stats_CountRecentOutcomesLatenessWaitingOccurrencesSilosAndTheClock()
    {
        var empty = await StatsAsync();
        Assert.Equal(0, Count(empty, "lastDay", "delivered"));
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("lateness").GetProperty("p50Seconds").ValueKind);

        api.Receiver.Respond = r => Task.FromResult(r.IdempotencyKey?.StartsWith("schedule:st-dead:", StringComparison.Ordinal) == true ? 422 : 200);
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("st-ok", null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("st-dead", null))).StatusCode);
        Assert.Equal("delivered", (await api.ClosedOccurrenceAsync("st-ok")).GetProperty("status").GetString());
        await api.AdvanceUntilAsync(async () =>
            (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/st-dead/occurrences"))).GetProperty("items")[0].GetProperty("status").GetString() == "deadLettered");

        var stats = await StatsAsync();

        foreach (var window in new[] { "lastHour", "lastDay" })
        {
            Assert.Equal(1, Count(stats, window, "delivered"));
            Assert.Equal(1, Count(stats, window, "deadLettered"));
            Assert.Equal(0, Count(stats, window, "skipped"));
            Assert.Equal(0, Count(stats, window, "uncertain"));
        }

        var lateness = stats.GetProperty("lateness");
        Assert.Equal(1, lateness.GetProperty("deliveries").GetInt64());
        Assert.InRange(lateness.GetProperty("p50Seconds").GetDouble(), 0, 180);
        Assert.Equal(lateness.GetProperty("p50Seconds").GetDouble(), lateness.GetProperty("p99Seconds").GetDouble());
        Assert.Equal(1, stats.GetProperty("deadLetters").GetInt64());
        Assert.Equal(0, stats.GetProperty("uncertain").GetInt64());
        Assert.Equal(0, stats.GetProperty("overdue").GetProperty("count").GetInt64());
        var silo = Assert.Single(stats.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.Equal("real", stats.GetProperty("clock").GetProperty("mode").GetString());
        Assert.Equal(api.Clock.GetUtcNow(), DateTimeOffset.Parse(stats.GetProperty("clock").GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        // Two hours on, the deliveries have left the last hour but not the last day.
        api.Clock.Advance(TimeSpan.FromHours(2));
        var later = await StatsAsync();
        Assert.Equal(0, Count(later, "lastHour", "delivered"));
        Assert.Equal(1, Count(later, "lastDay", "delivered"));
        Assert.Equal(0, later.GetProperty("lateness").GetProperty("deliveries").GetInt64());
    }

    private async Task<JsonElement> StatsAsync()
    {
        var response = await api.Client.GetAsync("/api/v1/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    private static long Count(JsonElement stats, string window, string outcome) =>
        stats.GetProperty("deliveries").GetProperty(window).GetProperty(outcome).GetInt64();
}
