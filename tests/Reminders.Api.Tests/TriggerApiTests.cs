using System.Net;
using System.Net.Http.Json;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary><c>POST /api/v1/schedules/{id}/trigger</c> on the real host with a loopback receiver.</summary>
public sealed class TriggerApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Daily = """{"id":"tr-daily","kind":"custom","timezone":"UTC","start":"2027-01-01T09:00:00","rrule":"FREQ=DAILY","recipient":{"firstName":"Ada"},"message":"Hi {firstName}"}""";

    [Fact]
    public async Task Trigger_Schedule_DeliversOnceUnderItsOwnKey_AndARetriedRequestSendsNothingAgain()
    {
        await CreateAsync(Daily);

        var first = await TriggerAsync("tr-daily", "req-1", new { reason = "customer asked" });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var occurrence = await Json.ReadAsync(first);
        Assert.Equal("schedule:tr-daily:-manual-req-1", occurrence.GetProperty("key").GetString());
        await Eventually.HoldsAsync(() => Accepted("schedule:tr-daily:-manual-req-1") == 1, "the triggered occurrence is delivered");
        Assert.Equal("Hi Ada", api.Receiver.Accepted.Single(r => r.IdempotencyKey == "schedule:tr-daily:-manual-req-1").Message);

        var retried = await TriggerAsync("tr-daily", "req-1");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("schedule:tr-daily:-manual-req-1", (await Json.ReadAsync(retried)).GetProperty("key").GetString());

        // The receiver has answered; the outcome's write follows it.
        List<System.Text.Json.JsonElement> history = [];
        await Eventually.HoldsAsync(async () =>
        {
            history = (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/tr-daily/occurrences"))).GetProperty("items").EnumerateArray().ToList();
            return history is [var only] && only.GetProperty("status").GetString() == "delivered";
        }, "the triggered occurrence is recorded as delivered");
        var manual = Assert.Single(history);
        Assert.Equal(1, manual.GetProperty("attempts").GetInt32());
        Assert.Equal(1, Accepted("schedule:tr-daily:-manual-req-1"));

        var audit = (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/audit?entity=schedule:tr-daily"))).GetProperty("items").EnumerateArray().ToList();
        var entry = Assert.Single(audit, e => e.GetProperty("action").GetString() == "schedule.trigger");
        Assert.Equal("schedule:tr-daily:-manual-req-1", entry.GetProperty("occurrenceKey").GetString());
        Assert.Equal("customer asked", entry.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Trigger_DoesNotMoveTheSchedulesNextOccurrence()
    {
        await CreateAsync(Daily.Replace("tr-daily", "tr-next", StringComparison.Ordinal));
        var before = await UpcomingKeyAsync("tr-next");

        Assert.Equal(HttpStatusCode.Accepted, (await TriggerAsync("tr-next", "now")).StatusCode);
        await Eventually.HoldsAsync(() => Accepted("schedule:tr-next:-manual-now") == 1, "the triggered occurrence is delivered");

        Assert.Equal("schedule:tr-next:20270101T090000", before);
        Assert.Equal(before, await UpcomingKeyAsync("tr-next"));
    }

    [Fact]
    public async Task Trigger_User_DeliversTheSoonerOfItsEventsNowOnce()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.CreateAsync(new
        {
            id = "tr-ada", firstName = "Ada", lastName = "Lovelace", email = "ada@example.com",
            birthday = "1990-03-14", anniversary = "2015-01-02", timezone = "Europe/London",
        })).StatusCode);

        var first = await TriggerAsync("tr-ada", "req-1", path: "users");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var occurrence = await Json.ReadAsync(first);
        Assert.Equal("user:tr-ada:-manual-req-1", occurrence.GetProperty("key").GetString());
        Assert.Equal("anniversary", occurrence.GetProperty("kind").GetString());
        await Eventually.HoldsAsync(() => Accepted("user:tr-ada:-manual-req-1") == 1, "the triggered occurrence is delivered");

        Assert.Equal(HttpStatusCode.OK, (await TriggerAsync("tr-ada", "req-1", path: "users")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TriggerAsync("tr-nobody", "req-1", path: "users")).StatusCode);
        var history = (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/users/tr-ada/occurrences"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(1, Assert.Single(history).GetProperty("attempts").GetInt32());
        Assert.Equal(1, Accepted("user:tr-ada:-manual-req-1"));
    }

    [Fact]
    public async Task Trigger_PausedSchedule_Returns409AndSendsNothing()
    {
        await CreateAsync(Daily.Replace("tr-daily", "tr-paused", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsync("/api/v1/schedules/tr-paused/pause", null)).StatusCode);

        var response = await TriggerAsync("tr-paused", "req-1");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/tr-paused/occurrences"))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Trigger_UnknownSchedule_Returns404()
    {
        var response = await TriggerAsync("tr-nobody", "req-1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a:b")]
    public async Task Trigger_WithoutAUsableIdempotencyKey_Returns400AndSendsNothing(string? key)
    {
        await CreateAsync(Daily.Replace("tr-daily", "tr-nokey", StringComparison.Ordinal));

        var response = await TriggerAsync("tr-nokey", key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Empty((await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/tr-nokey/occurrences"))).GetProperty("items").EnumerateArray());
    }

    private async Task CreateAsync(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await api.Client.PostAsync("/api/v1/schedules", content);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"create answered {response.StatusCode}");
    }

    private Task<HttpResponseMessage> TriggerAsync(string id, string? key, object? body = null, string path = "schedules")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{path}/{id}/trigger");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return api.Client.SendAsync(request);
    }

    private async Task<string?> UpcomingKeyAsync(string id) =>
        (await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/schedules/{id}/upcoming?count=1"))).GetProperty("items")[0].GetProperty("key").GetString();

    private int Accepted(string key) => api.Receiver.Accepted.Count(r => r.IdempotencyKey == key);
}
