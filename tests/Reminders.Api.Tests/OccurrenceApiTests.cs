using System.Net;
using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary>The cross-entity occurrence endpoints on the real host: dead-letter pages, uncertain list, retry and discard by key.</summary>
public sealed class OccurrenceApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // Tokens for instants outside what the ledger can hold: 29,000 years after 1970, and 26 BC.
    private const string FarFutureToken = "OTIyMzM3MjAzNjg1NDc3NTgwN3xr";
    private const string BeforeYearOneToken = "LTYzMDAwMDAwMDAwMDAwMDAwMHxr";

    // A token whose key carries NUL ("1796893200000000|k\0"), which PostgreSQL refuses in text.
    private const string NulKeyToken = "MTc5Njg5MzIwMDAwMDAwMHxrAA";

    // Tokens at the ends of what an instant can hold: 9999-12-31T23:59:59.9999999Z and 0001-01-01T00:00:00Z.
    private const string LastTickToken = "MjUzNDAyMzAwNzk5OTk5OTk5OXxr";
    private const string FirstTickToken = "LTYyMTM1NTk2ODAwMDAwMDAwMHxr";

    [Theory]
    [InlineData("/api/v1/dead-letters?limit=0", "limit")]
    [InlineData("/api/v1/dead-letters?limit=501", "limit")]
    [InlineData("/api/v1/dead-letters?after=not-a-token", "after")]
    [InlineData("/api/v1/dead-letters?after=" + FarFutureToken, "after")]
    [InlineData("/api/v1/occurrences?status=nonsense", "status")]
    [InlineData("/api/v1/occurrences?status=Delivered", "status")]
    [InlineData("/api/v1/occurrences?entity=group:x", "entity")]
    [InlineData("/api/v1/occurrences?entity=user:bad%20id", "entity")]
    [InlineData("/api/v1/occurrences?entity=user:", "entity")]
    [InlineData("/api/v1/occurrences?entity=user:ada:birthday", "entity")]
    [InlineData("/api/v1/occurrences?entity=ada", "entity")]
    [InlineData("/api/v1/occurrences?dueFrom=yesterday", "dueFrom")]
    [InlineData("/api/v1/occurrences?dueFrom=2026-12-01", "dueFrom")]
    [InlineData("/api/v1/occurrences?dueTo=2026-12-01T09:00:00", "dueTo")]
    [InlineData("/api/v1/occurrences?dueFrom=-0001-01-01T00:00:00Z", "dueFrom")]
    [InlineData("/api/v1/occurrences?dueTo=0000-12-31T23:59:59Z", "dueTo")]
    [InlineData("/api/v1/occurrences?dueFrom=2026-12-02T00:00:00Z&dueTo=2026-12-01T00:00:00Z", "dueTo")]
    [InlineData("/api/v1/occurrences?dueFrom=2026-12-01T00:00:00Z&dueTo=2026-12-01T00:00:00Z", "dueTo")]
    [InlineData("/api/v1/occurrences?limit=0", "limit")]
    [InlineData("/api/v1/occurrences?limit=1001", "limit")]
    [InlineData("/api/v1/occurrences?limit=-1", "limit")]
    [InlineData("/api/v1/occurrences?limit=ten", "limit")]
    [InlineData("/api/v1/occurrences?after=garbage", "after")]
    [InlineData("/api/v1/occurrences?after=" + FarFutureToken, "after")]
    [InlineData("/api/v1/occurrences?after=" + BeforeYearOneToken, "after")]
    [InlineData("/api/v1/users/ada/occurrences?limit=0", "limit")]
    [InlineData("/api/v1/users/ada/occurrences?limit=1001", "limit")]
    [InlineData("/api/v1/users/ada/occurrences?after=garbage", "after")]
    [InlineData("/api/v1/users/ada/occurrences?after=" + FarFutureToken, "after")]
    [InlineData("/api/v1/users/bad%20id/occurrences", "id")]
    [InlineData("/api/v1/schedules/standup/occurrences?limit=0", "limit")]
    [InlineData("/api/v1/schedules/standup/occurrences?limit=1001", "limit")]
    [InlineData("/api/v1/schedules/standup/occurrences?after=garbage", "after")]
    [InlineData("/api/v1/schedules/standup/occurrences?after=" + BeforeYearOneToken, "after")]
    [InlineData("/api/v1/schedules/bad%20id/occurrences", "id")]
    [InlineData("/api/v1/dead-letters?kind=%00", "kind")]
    [InlineData("/api/v1/dead-letters?kind=birth%00day", "kind")]
    [InlineData("/api/v1/occurrences?kind=custom%00", "kind")]
    [InlineData("/api/v1/occurrences?kind=a%07b", "kind")]
    [InlineData("/api/v1/occurrences?kind=a%C2%85b", "kind")]
    [InlineData("/api/v1/occurrences?status=delivered&kind=%1B", "kind")]
    [InlineData("/api/v1/dead-letters?after=" + NulKeyToken, "after")]
    [InlineData("/api/v1/occurrences?after=" + NulKeyToken, "after")]
    [InlineData("/api/v1/users/ada/occurrences?after=" + NulKeyToken, "after")]
    [InlineData("/api/v1/occurrences/user:ada:birthday:20%0127/retry", "path")]
    [InlineData("/api/v1/users/ada/occurrences?x%00=1", "query")]
    public async Task Bad_list_parameters_are_a_400_naming_the_parameter(string path, string field)
    {
        var response = await api.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Json.ReadAsync(response)).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("/api/v1/occurrences")]
    [InlineData("/api/v1/occurrences?status=delivered")]
    [InlineData("/api/v1/occurrences?status=deadLettered&kind=custom&entity=schedule:x&dueFrom=2026-12-01T00:00:00Z&dueTo=2026-12-02T00:00:00Z&limit=1000")]
    [InlineData("/api/v1/occurrences?entity=user:ada&limit=1")]
    [InlineData("/api/v1/occurrences?dueFrom=0001-01-01T00:00:00Z&dueTo=9999-12-31T23:59:59.999999999Z")]
    [InlineData("/api/v1/occurrences?after=" + LastTickToken)]
    [InlineData("/api/v1/occurrences?after=" + FirstTickToken)]
    [InlineData("/api/v1/dead-letters?after=" + LastTickToken)]
    [InlineData("/api/v1/dead-letters?after=" + FirstTickToken)]
    public async Task Listing_occurrences_needs_no_filter_and_takes_every_one(string path)
    {
        var response = await api.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, (await Json.ReadAsync(response)).GetProperty("items").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/occurrences/nonsense/retry", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/occurrences/group:x:2027/discard", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/occurrences/user:nobody:birthday:2027/retry", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/occurrences/schedule:nobody:20270101T080000/discard", HttpStatusCode.NotFound)]
    public async Task Retry_or_discard_of_a_bad_or_unknown_key_is_a_problem(string path, HttpStatusCode expected)
    {
        var response = await api.Client.PostAsync(path, null);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_dead_letter_is_listed_newest_first_in_pages_and_a_retry_over_http_delivers_it_with_the_same_key()
    {
        api.Receiver.Respond = _ => Task.FromResult(422);
        foreach (var id in new[] { "dl-1", "dl-2", "dl-3" })
        {
            var created = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
            {
                id, kind = "custom", timezone = "Etc/UTC", start = "2026-12-02T09:00:00", message = "m",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        api.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(9)); // 2026-12-02T09:00Z
        await api.AdvanceUntilAsync(async () => (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/dead-letters"))).GetProperty("items").GetArrayLength() == 3);

        var first = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/dead-letters?limit=2&kind=custom"));
        var second = await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/dead-letters?limit=2&after={first.GetProperty("next").GetString()}"));
        var keys = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("key").GetString()).ToList();
        Assert.Equal(3, keys.Distinct().Count());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var item = first.GetProperty("items")[0];
        Assert.Equal(("deadLettered", "permanentFailure", 422), (item.GetProperty("status").GetString(), item.GetProperty("reason").GetString(), item.GetProperty("lastStatusCode").GetInt32()));
        Assert.Equal(0, (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/dead-letters?kind=birthday"))).GetProperty("items").GetArrayLength());

        api.Receiver.Respond = _ => Task.FromResult(200);
        var retried = await api.Client.PostAsync("/api/v1/occurrences/schedule:dl-1:20261202T090000/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("scheduled", (await Json.ReadAsync(retried)).GetProperty("status").GetString());
        await api.AdvanceUntilAsync(() => Task.FromResult(api.Receiver.Accepted.Any(r => r.IdempotencyKey == "schedule:dl-1:20261202T090000")));
        await api.AdvanceUntilAsync(async () => (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/dead-letters"))).GetProperty("items").GetArrayLength() == 2);

        var discarded = await Json.ReadAsync(await api.Client.PostAsync("/api/v1/occurrences/schedule:dl-2:20261202T090000/discard", null));
        Assert.Equal(("skipped", "discarded"), (discarded.GetProperty("status").GetString(), discarded.GetProperty("reason").GetString()));
        Assert.Equal(1, (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/dead-letters"))).GetProperty("items").GetArrayLength());
    }
}
