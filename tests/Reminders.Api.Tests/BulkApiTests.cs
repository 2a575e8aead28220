using System.Net;
using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary><c>POST /api/v1/occurrences/retry</c> and <c>/discard</c>: many keys or a filter, a result per key, idempotent, audited per key.</summary>
public sealed class BulkApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task BulkRetryAndDiscard_HandleEachKeyOnce_ReportPerKey_AndAuditEachChange()
    {
        var fixedReceiver = false;
        api.Receiver.Respond = r => Task.FromResult(!fixedReceiver && r.IdempotencyKey?.StartsWith("schedule:bk-", StringComparison.Ordinal) == true ? 422 : 200);
        foreach (var id in new[] { "bk-1", "bk-2", "bk-3" })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot(id, null))).StatusCode);
        }

        api.Clock.Advance(TimeSpan.FromMinutes(1));
        await api.AdvanceUntilAsync(async () => (await KeysAsync("/api/v1/dead-letters")).Count(k => k.StartsWith("schedule:bk-", StringComparison.Ordinal)) == 3);
        var keys = (await KeysAsync("/api/v1/dead-letters")).Where(k => k.StartsWith("schedule:bk-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        fixedReceiver = true;

        var retried = await PostAsync("retry", new { keys = new[] { keys[0], keys[1], "schedule:bk-nobody:20270101T000000", "not-a-key" }, reason = "receiver fixed" });
        Assert.Equal(
            [(keys[0], "retried"), (keys[1], "retried"), ("schedule:bk-nobody:20270101T000000", "notFound"), ("not-a-key", "invalid")],
            retried.Select(r => (r.Key, r.Outcome)));
        await api.AdvanceUntilAsync(() => api.Receiver.Accepted.Count(r => r.IdempotencyKey == keys[0] || r.IdempotencyKey == keys[1]) == 2);

        // Again: already retried (now delivered), so nothing changes and nothing is sent or audited twice.
        var again = await PostAsync("retry", new { keys = new[] { keys[0] } });
        Assert.Equal([(keys[0], "unchanged", "delivered")], again.Select(r => (r.Key, r.Outcome, r.Status)));

        var discarded = await PostAsync("discard", new { filter = new { status = "deadLettered", entity = "schedule:bk-3" }, reason = "obsolete" });
        Assert.Equal([(keys[2], "discarded", "skipped")], discarded.Select(r => (r.Key, r.Outcome, r.Status)));
        Assert.Empty(await PostAsync("discard", new { filter = new { status = "deadLettered", entity = "schedule:bk-3" } }));

        Assert.Equal(1, api.Receiver.Accepted.Count(r => r.IdempotencyKey == keys[0]));
        var audit = (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/audit"))).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("entity").GetString()!.StartsWith("schedule:bk-", StringComparison.Ordinal)
                && e.GetProperty("action").GetString()!.StartsWith("occurrence.", StringComparison.Ordinal))
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("occurrenceKey").GetString(), e.GetProperty("reason").GetString()))
            .Order().ToList();
        Assert.Equal(
            new[] { ("occurrence.discard", keys[2], "obsolete"), ("occurrence.retry", keys[0], "receiver fixed"), ("occurrence.retry", keys[1], "receiver fixed") }
                .Select(e => ((string?)e.Item1, (string?)e.Item2, (string?)e.Item3)).Order(),
            audit);
    }

    [Theory]
    [InlineData("{}", "keys")]
    [InlineData("""{"keys": []}""", "keys")]
    [InlineData("""{"keys": "schedule:a:20270101T000000"}""", "keys")]
    [InlineData("""{"keys": [1]}""", "keys")]
    [InlineData("""{"keys": ["schedule:a:20270101T000000"], "filter": {"status": "deadLettered"}}""", "keys")]
    [InlineData("""{"filter": {"status": "delivered"}}""", "filter.status")]
    [InlineData("""{"filter": {}}""", "filter.status")]
    [InlineData("""{"filter": {"status": "uncertain", "entity": "nobody"}}""", "filter.entity")]
    [InlineData("""{"filter": {"status": "uncertain", "colour": "red"}}""", "filter.colour")]
    [InlineData("""{"keys": ["schedule:a:20270101T000000"], "reason": ""}""", "reason")]
    [InlineData("""{"keys": ["schedule:a:20270101T000000"], "why": "x"}""", "why")]
    public async Task Bulk_BadBody_Returns400NamingTheField(string body, string field)
    {
        foreach (var action in new[] { "retry", "discard" })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            var response = await api.Client.PostAsync($"/api/v1/occurrences/{action}", content);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"{body} names {field}");
        }
    }

    [Fact]
    public async Task Bulk_MoreThanAThousandKeys_Returns400()
    {
        var keys = Enumerable.Range(0, 1001).Select(i => $"schedule:many:2027010{i % 10}T{i:D6}").ToArray();

        var response = await api.Client.PostAsJsonAsync("/api/v1/occurrences/retry", new { keys });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<List<(string Key, string Outcome, string? Status)>> PostAsync(string action, object body)
    {
        var response = await api.Client.PostAsJsonAsync($"/api/v1/occurrences/{action}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Json.ReadAsync(response)).GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("key").GetString()!, r.GetProperty("outcome").GetString()!, r.GetProperty("status").GetString()))];
    }

    private async Task<List<string>> KeysAsync(string path) =>
        [.. (await Json.ReadAsync(await api.Client.GetAsync(path))).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!)];
}
