using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reminders.Api.Tests;

/// <summary>An entity's occurrences on the real host: keyset pages from the ledger table, and a 404 for an entity that is not there.</summary>
public sealed class OccurrencePagingApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_entitys_occurrences_page_through_limit_and_next_newest_due_first_without_duplicates_or_gaps()
    {
        var first = NextHour();
        await CreateHourlyAsync("hourly", first, count: null);
        api.Clock.Advance(first.AddHours(6) - api.Clock.GetUtcNow()); // seven occurrences due, the first to first + 6h
        await api.AdvanceUntilAsync(async () => (await ItemsAsync("/api/v1/schedules/hourly/occurrences")).Count(i => Status(i) == "delivered") == 7);
        var expected = Enumerable.Range(0, 7).Select(h => Key("hourly", first.AddHours(6 - h))).ToList();

        var pages = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/schedules/hourly/occurrences?limit=3{(next is null ? "" : "&after=" + next)}"));
            pages.Add(page);
            next = page.GetProperty("next").GetString();
        }
        while (next is not null && pages.Count < 10);

        Assert.Equal([3, 3, 1], pages.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.Equal(expected, pages.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("key").GetString()));
        // A page that ends exactly at the last occurrence has no next page; so does the default page of 100.
        var exact = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/hourly/occurrences?limit=7"));
        Assert.Equal((7, JsonValueKind.Null), (exact.GetProperty("items").GetArrayLength(), exact.GetProperty("next").ValueKind));
        Assert.Equal(expected, (await ItemsAsync("/api/v1/schedules/hourly/occurrences")).Select(i => i.GetProperty("key").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/users/nobody/occurrences")]
    [InlineData("/api/v1/schedules/nobody/occurrences")]
    [InlineData("/api/v1/schedules/nobody/occurrences?limit=5")]
    public async Task The_occurrences_of_an_unknown_entity_are_a_404(string path)
    {
        var response = await api.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_occurrences_of_a_deleted_entity_are_a_404_though_the_ledger_keeps_them()
    {
        var first = NextHour();
        await CreateHourlyAsync("short", first, count: 2);
        Assert.Equal(HttpStatusCode.Created, (await api.CreateAsync(Json.Ada("gone-user"))).StatusCode);
        api.Clock.Advance(first.AddHours(1) - api.Clock.GetUtcNow());
        await api.AdvanceUntilAsync(async () => (await ItemsAsync("/api/v1/schedules/short/occurrences")).Count(i => Status(i) == "delivered") == 2);

        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync("/api/v1/schedules/short")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync("/api/v1/users/gone-user")).StatusCode);

        var schedule = await api.Client.GetAsync("/api/v1/schedules/short/occurrences");
        var user = await api.Client.GetAsync("/api/v1/users/gone-user/occurrences");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (schedule.StatusCode, user.StatusCode));
        Assert.Equal("application/problem+json", schedule.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            [Key("short", first.AddHours(1)), Key("short", first)],
            (await ItemsAsync("/api/v1/occurrences?entity=schedule:short")).Select(i => i.GetProperty("key").GetString()));
    }

    /// <summary>The first whole hour at least an hour after the service clock's now.</summary>
    private DateTimeOffset NextHour()
    {
        var now = api.Clock.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(2);
    }

    private async Task CreateHourlyAsync(string id, DateTimeOffset first, int? count)
    {
        var created = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            id,
            kind = "custom",
            timezone = "Etc/UTC",
            start = first.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            rrule = count is { } n ? $"FREQ=HOURLY;COUNT={n}" : "FREQ=HOURLY",
            message = "tick",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static string Key(string id, DateTimeOffset due) => $"schedule:{id}:{due.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";

    private static string? Status(JsonElement item) => item.GetProperty("status").GetString();

    private async Task<List<JsonElement>> ItemsAsync(string path) =>
        [.. (await Json.ReadAsync(await api.Client.GetAsync(path))).GetProperty("items").EnumerateArray()];
}
