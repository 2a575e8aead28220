using System.Net;
using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary>The cross-entity occurrence endpoints on the real host: dead-letter pages, uncertain list, retry and discard by key.</summary>
public sealed class OccurrenceApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/api/v1/dead-letters?limit=0", "limit")]
    [InlineData("/api/v1/dead-letters?limit=501", "limit")]
    [InlineData("/api/v1/dead-letters?after=not-a-token", "after")]
    [InlineData("/api/v1/occurrences", "status")]
    [InlineData("/api/v1/occurrences?status=delivered", "status")]
    public async Task Bad_list_parameters_are_a_400_naming_the_parameter(string path, string field)
    {
        var response = await api.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
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
