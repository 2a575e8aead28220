using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Reminders.Api.Tests;

/// <summary>Every change made through the API leaves one audit entry, and nothing else does; the log is admin-only and paged.</summary>
[Collection(SecuredApiTests.Name)]
public sealed class AuditLogTests(SecuredApiFixture api)
{
    [Fact]
    public async Task UserChanges_AreAudited_ReplaysAndNotFoundsAreNot()
    {
        var at = api.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.Created, (await api.Writer.PostAsJsonAsync("/api/v1/users", Json.Ada("audit-ada"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Writer.PostAsJsonAsync("/api/v1/users", Json.Ada("audit-ada"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Writer.PutAsJsonAsync("/api/v1/users/audit-ada", Json.Ada("audit-ada", zone: "Asia/Tokyo"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Writer.PutAsJsonAsync("/api/v1/users/audit-ada", Json.Ada("audit-ada", zone: "Asia/Tokyo"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(api.Admin, HttpMethod.Delete, "/api/v1/users/audit-ada", new { reason = "asked to be forgotten" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(api.Admin, HttpMethod.Delete, "/api/v1/users/audit-ada", new { reason = "again" })).StatusCode);

        var entries = await EntriesAsync("user:audit-ada");

        Assert.Equal(
            [
                ("admin", "user.delete", "user:audit-ada", (string?)null, (string?)"asked to be forgotten"),
                ("writer", "user.replace", "user:audit-ada", null, null),
                ("writer", "user.create", "user:audit-ada", null, null),
            ],
            entries.Select(Describe));
        Assert.All(entries, e => Assert.Equal(at, DateTimeOffset.Parse(e.GetProperty("atUtc").GetString()!, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task ScheduleChanges_AreAudited_WithTheirReasons_AndARepeatedPauseIsNot()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.Writer.PostAsJsonAsync("/api/v1/schedules", Schedule("audit-standup"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Writer.PutAsJsonAsync("/api/v1/schedules/audit-standup", Schedule("audit-standup", "changed"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api.Writer, HttpMethod.Post, "/api/v1/schedules/audit-standup/pause", new { reason = "team on holiday" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api.Writer, HttpMethod.Post, "/api/v1/schedules/audit-standup/pause", new { reason = "still" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Writer.PostAsync("/api/v1/schedules/audit-standup/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(api.Admin, HttpMethod.Delete, "/api/v1/schedules/audit-standup", new { reason = "replaced by a calendar" })).StatusCode);

        Assert.Equal(
            [
                ("admin", "schedule.delete", "schedule:audit-standup", (string?)null, (string?)"replaced by a calendar"),
                ("writer", "schedule.resume", "schedule:audit-standup", null, null),
                ("writer", "schedule.pause", "schedule:audit-standup", null, "team on holiday"),
                ("writer", "schedule.replace", "schedule:audit-standup", null, null),
                ("writer", "schedule.create", "schedule:audit-standup", null, null),
            ],
            (await EntriesAsync("schedule:audit-standup")).Select(Describe));
    }

    [Fact]
    public async Task RetryAndDiscard_AreAudited_WithTheOccurrenceKey_AndADiscardThatChangesNothingIsNot()
    {
        var (first, second) = (await DeadLettersAsync("audit-dl-1"), await DeadLettersAsync("audit-dl-2"));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api.Admin, HttpMethod.Post, $"/api/v1/occurrences/{first}/retry", new { reason = "receiver fixed" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api.Admin, HttpMethod.Post, $"/api/v1/occurrences/{second}/discard", new { reason = "obsolete" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.PostAsync($"/api/v1/occurrences/{second}/discard", null)).StatusCode);

        Assert.Equal(("admin", "occurrence.retry", "schedule:audit-dl-1", first, "receiver fixed"), Describe((await EntriesAsync("schedule:audit-dl-1"))[0]));
        var discards = (await EntriesAsync("schedule:audit-dl-2")).Where(e => e.GetProperty("action").GetString() == "occurrence.discard").ToList();
        Assert.Equal(("admin", "occurrence.discard", "schedule:audit-dl-2", second, "obsolete"), Describe(Assert.Single(discards)));
    }

    [Theory]
    [InlineData("""{"reason": 42}""")]
    [InlineData("""{"reason": ""}""")]
    [InlineData("""{"reasn": "typo"}""")]
    [InlineData("""{"reason": "two\nlines"}""")]
    [InlineData("""["not", "an", "object"]""")]
    [InlineData("""{"reason": """)]
    public async Task Pause_WithABadReason_Returns400_ChangesNothing_AndAuditsNothing(string body)
    {
        var id = "audit-bad-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await api.Writer.PostAsJsonAsync("/api/v1/schedules", Schedule(id))).StatusCode);

        var response = await api.Writer.PostAsync($"/api/v1/schedules/{id}/pause", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False((await Json.ReadAsync(await api.Reader.GetAsync($"/api/v1/schedules/{id}"))).GetProperty("paused").GetBoolean());
        Assert.Equal(["schedule.create"], (await EntriesAsync($"schedule:{id}")).Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Delete_WithATooLongReason_Returns400_AndKeepsTheSchedule()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.Writer.PostAsJsonAsync("/api/v1/schedules", Schedule("audit-long"))).StatusCode);

        var response = await SendAsync(api.Writer, HttpMethod.Delete, "/api/v1/schedules/audit-long", new { reason = new string('x', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Reader.GetAsync("/api/v1/schedules/audit-long")).StatusCode);
        Assert.Single(await EntriesAsync("schedule:audit-long"));
    }

    [Fact]
    public async Task Audit_IsPagedNewestFirst_AndFilteredByEntity()
    {
        await api.Writer.PostAsJsonAsync("/api/v1/users", Json.Ada("audit-pager"));
        foreach (var zone in new[] { "Asia/Tokyo", "Europe/Paris", "America/Chicago" })
        {
            await api.Writer.PutAsJsonAsync("/api/v1/users/audit-pager", Json.Ada("audit-pager", zone: zone));
            api.Clock.Advance(TimeSpan.FromSeconds(1)); // distinct instants as well as distinct ids
        }

        var first = await Json.ReadAsync(await api.Admin.GetAsync("/api/v1/audit?entity=user:audit-pager&limit=3"));
        var second = await Json.ReadAsync(await api.Admin.GetAsync($"/api/v1/audit?entity=user:audit-pager&limit=3&after={first.GetProperty("next").GetString()}"));
        var all = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();

        Assert.Equal(["user.replace", "user.replace", "user.replace", "user.create"], all.Select(e => e.GetProperty("action").GetString()));
        Assert.All(all, e => Assert.Equal("user:audit-pager", e.GetProperty("entity").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var unfiltered = (await Json.ReadAsync(await api.Admin.GetAsync("/api/v1/audit?limit=1000"))).GetProperty("items").EnumerateArray()
            .Select(e => DateTimeOffset.Parse(e.GetProperty("atUtc").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(unfiltered.OrderDescending(), unfiltered);
    }

    [Theory]
    [InlineData("/api/v1/audit?entity=nobody")]
    [InlineData("/api/v1/audit?entity=user:")]
    [InlineData("/api/v1/audit?limit=0")]
    [InlineData("/api/v1/audit?after=not-a-token")]
    public async Task Audit_WithBadParameters_Returns400Problem(string path)
    {
        var response = await api.Admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Audit_IsReadWithAnyKey_AsTheConsoleShowsIt_ButNotWithout()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.Reader.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Writer.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/api/v1/audit")).StatusCode);
    }

    /// <summary>Creates a one-shot schedule due in an hour, lets its delivery fail for good, and returns its occurrence key.</summary>
    private async Task<string> DeadLettersAsync(string id)
    {
        var due = api.Clock.GetUtcNow().AddHours(1);
        due = due.AddTicks(-(due.Ticks % TimeSpan.TicksPerMinute));
        var key = $"schedule:{id}:{due.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";
        api.Receiver.Respond = r => Task.FromResult(r.IdempotencyKey == key ? 422 : 200);
        try
        {
            var start = due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            Assert.Equal(HttpStatusCode.Created, (await api.Writer.PostAsJsonAsync("/api/v1/schedules",
                new { id, kind = "custom", timezone = "Etc/UTC", start, message = "m" })).StatusCode);
            api.Clock.Advance(TimeSpan.FromHours(1));
            await api.AdvanceUntilAsync(async () =>
                (await Json.ReadAsync(await api.Reader.GetAsync($"/api/v1/schedules/{id}/occurrences"))).GetProperty("items").EnumerateArray()
                    .Any(o => o.GetProperty("key").GetString() == key && o.GetProperty("status").GetString() == "deadLettered"));
            return key;
        }
        finally
        {
            api.Receiver.Respond = _ => Task.FromResult(200);
        }
    }

    private static object Schedule(string id, string message = "standup") => new
    {
        id, kind = "custom", timezone = "Etc/UTC", start = "2030-03-01T09:00:00", rrule = "FREQ=DAILY", message,
    };

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });

    private async Task<List<JsonElement>> EntriesAsync(string entity)
    {
        var response = await api.Admin.GetAsync($"/api/v1/audit?entity={entity}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Json.ReadAsync(response)).GetProperty("items").EnumerateArray()];
    }

    private static (string?, string?, string?, string?, string?) Describe(JsonElement e) => (
        e.GetProperty("actor").GetString(),
        e.GetProperty("action").GetString(),
        e.GetProperty("entity").GetString(),
        e.GetProperty("occurrenceKey").GetString(),
        e.GetProperty("reason").GetString());
}
