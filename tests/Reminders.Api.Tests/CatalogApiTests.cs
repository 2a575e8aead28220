using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reminders.Api.Tests;

/// <summary><c>GET /api/v1/users</c> and <c>GET /api/v1/schedules</c> on the real host: search, every filter, paging and bad input.</summary>
public sealed class CatalogApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Users_List_ShowsRuleInWordsAndNextDueInUtcAndLocalTime()
    {
        var created = await api.CreateAsync(new
        {
            id = "cat-ada", firstName = "Ada", lastName = "Lovelace", email = "ada@example.com",
            birthday = "1990-03-14", anniversary = "2015-06-02", timezone = "Europe/London",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var item = Assert.Single(await ItemsAsync("/api/v1/users?q=lovelace"));

        Assert.Equal("user", Text(item, "kind"));
        Assert.Equal("cat-ada", Text(item, "id"));
        Assert.Equal(["birthday", "anniversary"], item.GetProperty("eventKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("Europe/London", Text(item, "timezone"));
        Assert.False(item.GetProperty("paused").GetBoolean());
        Assert.Equal("birthday every year on 14 March at 09:00 Europe/London; anniversary every year on 2 June at 09:00 Europe/London", Text(item, "rule"));
        Assert.Equal("2027-03-14T09:00:00Z", Text(item, "nextDueUtc"));
        Assert.Equal("2027-03-14T09:00:00", Text(item, "nextDueLocal"));
        Assert.Equal(0, item.GetProperty("deadLetters").GetInt32());
        Assert.Equal(1, item.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("q=flt", new[] { "flt-berlin", "flt-meeting", "flt-newyork", "flt-paused" })]
    [InlineData("q=FLT-BER", new[] { "flt-berlin" })]
    [InlineData("q=weekday", new[] { "flt-newyork" })]
    [InlineData("q=flt&kind=meeting", new[] { "flt-meeting" })]
    [InlineData("q=flt&kind=birthday", new string[0])]
    [InlineData("q=flt&zone=Europe/Berlin", new[] { "flt-berlin" })]
    [InlineData("q=flt&zone=europe/berlin", new[] { "flt-berlin" })]
    [InlineData("q=flt&paused=true", new[] { "flt-paused" })]
    [InlineData("q=flt&paused=false", new[] { "flt-berlin", "flt-meeting", "flt-newyork" })]
    [InlineData("q=flt&dueFrom=2027-01-01T00:00:00Z&dueTo=2027-03-01T00:00:00Z", new[] { "flt-newyork", "flt-paused" })]
    [InlineData("q=flt&dueFrom=2027-03-01T17:30:00Z", new[] { "flt-berlin", "flt-meeting" })]
    [InlineData("q=flt&dueTo=2027-03-01T17:30:00Z", new[] { "flt-newyork", "flt-paused" })]
    [InlineData("q=flt&hasDeadLetters=false", new[] { "flt-berlin", "flt-meeting", "flt-newyork", "flt-paused" })]
    [InlineData("q=flt&hasDeadLetters=true", new string[0])]
    [InlineData("q=flt&zone=America/New_York&paused=false&kind=custom", new[] { "flt-newyork" })]
    public async Task Schedules_List_IsFilteredByTextKindZonePausedDueRangeAndDeadLetters(string query, string[] expected)
    {
        await SeedFilteredAsync();

        Assert.Equal(expected, (await ItemsAsync("/api/v1/schedules?" + query)).Select(i => Text(i, "id")));
    }

    [Fact]
    public async Task Schedules_List_SaysEachRuleInWords()
    {
        await SeedFilteredAsync();

        var rules = (await ItemsAsync("/api/v1/schedules?q=flt")).ToDictionary(i => Text(i, "id")!, i => Text(i, "rule"));

        Assert.Equal("every 2 weeks on Monday and Thursday at 18:30 Europe/Berlin", rules["flt-berlin"]);
        Assert.Equal("every weekday at 09:00 America/New_York", rules["flt-newyork"]);
        Assert.Equal("on 2027-02-01 at 10:00 Etc/UTC", rules["flt-paused"]);
    }

    [Fact]
    public async Task Schedules_List_PagesInIdOrderThroughNext()
    {
        foreach (var id in new[] { "pg-3", "pg-1", "pg-5", "pg-2", "pg-4" })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot(id, null))).StatusCode);
        }

        var (filtered, sizes) = await WalkAsync("/api/v1/schedules?q=pg-&limit=2");
        var (all, _) = await WalkAsync("/api/v1/schedules?limit=2");

        Assert.Equal(["pg-1", "pg-2", "pg-3", "pg-4", "pg-5"], filtered);
        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Subset(all.ToHashSet(), filtered.ToHashSet());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=%21%21not-a-token", "after")]
    [InlineData("zone=Mars/Olympus_Mons", "zone")]
    [InlineData("zone=EST", "zone")]
    [InlineData("paused=yes", "paused")]
    [InlineData("hasDeadLetters=1", "hasDeadLetters")]
    [InlineData("dueFrom=yesterday", "dueFrom")]
    [InlineData("dueTo=2027-03-01T09:00:00", "dueTo")]
    [InlineData("dueFrom=2027-03-02T00:00:00Z&dueTo=2027-03-01T00:00:00Z", "dueTo")]
    [InlineData("q=a%01b", "q")]
    [InlineData("kind=a%00b", "kind")]
    public async Task Lists_BadParameter_Return400NamingIt(string query, string field)
    {
        foreach (var list in new[] { "/api/v1/users", "/api/v1/schedules" })
        {
            var response = await api.Client.GetAsync($"{list}?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"{query} names {field}");
        }
    }

    [Fact]
    public async Task Lists_TooLongText_Return400()
    {
        var response = await api.Client.GetAsync("/api/v1/schedules?q=" + new string('a', 101));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty("q", out _));
    }

    /// <summary>Four schedules, created once (a repeated create is a replay): two zones, a meeting, a paused one-shot.</summary>
    private async Task SeedFilteredAsync()
    {
        await CreateAsync(new { id = "flt-berlin", kind = "custom", timezone = "Europe/Berlin", start = "2027-03-01T18:30:00", rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", message = "b" });
        await CreateAsync(new { id = "flt-newyork", kind = "custom", timezone = "America/New_York", start = "2027-01-04T09:00:00", rrule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", message = "n" });
        await CreateAsync(new { id = "flt-paused", kind = "custom", timezone = "UTC", start = "2027-02-01T10:00:00", message = "p" });
        await CreateAsync(new
        {
            id = "flt-meeting", kind = "meeting", timezone = "UTC", start = "2027-05-01T12:00:00",
            recipient = new { title = "Design review", time = "12:00" },
        });
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsync("/api/v1/schedules/flt-paused/pause", null)).StatusCode);
    }

    private async Task CreateAsync(object schedule) =>
        Assert.True((await api.Client.PostAsJsonAsync("/api/v1/schedules", schedule)).StatusCode is HttpStatusCode.Created or HttpStatusCode.OK);

    private async Task<(List<string> Ids, List<int> Sizes)> WalkAsync(string path)
    {
        var ids = new List<string>();
        var sizes = new List<int>();
        string? next = null;
        do
        {
            var page = await Json.ReadAsync(await api.Client.GetAsync(path + (next is null ? "" : "&after=" + next)));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            sizes.Add(items.Count);
            ids.AddRange(items.Select(i => Text(i, "id")!));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null && sizes.Count < 100);

        return (ids, sizes);
    }

    private async Task<List<JsonElement>> ItemsAsync(string path)
    {
        var response = await api.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Json.ReadAsync(response)).GetProperty("items").EnumerateArray()];
    }

    private static string? Text(JsonElement item, string name) => item.GetProperty(name).GetString();
}
