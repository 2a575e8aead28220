using System.Net;
using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary>
/// <c>If-Match</c> as RFC 9110 §13.1.1 has it: strong comparison (a weak tag never matches), lists of tags, and on
/// every write, pause and resume included. A failed precondition is a 412 that changes nothing.
/// </summary>
public sealed class ConditionalRequestTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static object Schedule(string id, string message = "Stand-up") => new
    {
        id, kind = "custom", timezone = "Europe/London", start = "2027-03-01T09:00:00", rrule = "FREQ=DAILY", message,
    };

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("W/\"1\", W/\"2\"")]
    [InlineData("\"5\", \"6\"")]
    [InlineData("W/\"1\", \"2\"")]
    public async Task Put_whose_if_match_has_no_strong_current_tag_is_a_412_and_changes_nothing(string ifMatch)
    {
        var id = "cond-user-" + Math.Abs(ifMatch.GetHashCode(StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, (await api.CreateAsync(Json.Ada(id))).StatusCode);

        var response = await SendAsync(HttpMethod.Put, $"/api/v1/users/{id}", ifMatch, Json.Ada(id, zone: "Asia/Tokyo"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var user = await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/users/{id}"));
        Assert.Equal(("Europe/London", 1), (user.GetProperty("timezone").GetString(), user.GetProperty("version").GetInt32()));
    }

    [Theory]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"7\", \"1\"")]
    [InlineData("W/\"3\", \"1\"")]
    [InlineData("*")]
    public async Task Put_whose_if_match_lists_the_current_version_succeeds(string ifMatch)
    {
        var id = "cond-list-" + Math.Abs(ifMatch.GetHashCode(StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, (await api.CreateAsync(Json.Ada(id))).StatusCode);

        var response = await SendAsync(HttpMethod.Put, $"/api/v1/users/{id}", ifMatch, Json.Ada(id, zone: "Asia/Tokyo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await Json.ReadAsync(response)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Schedule_put_with_a_weak_if_match_is_a_412()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", Schedule("cond-s-1"))).StatusCode);

        var response = await SendAsync(HttpMethod.Put, "/api/v1/schedules/cond-s-1", "W/\"1\"", Schedule("cond-s-1", "Changed"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("Stand-up", (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/cond-s-1"))).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("pause", "\"2\"")]
    [InlineData("pause", "W/\"1\"")]
    [InlineData("resume", "\"9\"")]
    public async Task Pause_and_resume_with_a_stale_if_match_are_a_412_and_change_nothing(string action, string ifMatch)
    {
        var id = $"cond-{action}-{Math.Abs(ifMatch.GetHashCode(StringComparison.Ordinal))}";
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", Schedule(id))).StatusCode);
        if (action == "resume")
        {
            Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsync($"/api/v1/schedules/{id}/pause", null)).StatusCode);
        }

        var before = await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/schedules/{id}"));
        var response = await SendAsync(HttpMethod.Post, $"/api/v1/schedules/{id}/{action}", ifMatch);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/schedules/{id}"));
        Assert.Equal(
            (before.GetProperty("paused").GetBoolean(), before.GetProperty("version").GetInt32()),
            (after.GetProperty("paused").GetBoolean(), after.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Pause_and_resume_with_the_current_version_succeed()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", Schedule("cond-s-2"))).StatusCode);

        var paused = await SendAsync(HttpMethod.Post, "/api/v1/schedules/cond-s-2/pause", "\"1\"");
        var resumed = await SendAsync(HttpMethod.Post, "/api/v1/schedules/cond-s-2/resume", "\"2\"");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (paused.StatusCode, resumed.StatusCode));
        Assert.Equal("\"3\"", resumed.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Pause_with_a_malformed_if_match_is_a_400_naming_it()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/v1/schedules/cond-s-3/pause", "\"yesterday\"");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty("If-Match", out _));
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string ifMatch, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return api.Client.SendAsync(request);
    }
}
