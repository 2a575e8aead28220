using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reminders.Api.Tests;

/// <summary>The schedule API's contract on the real host: create and replay, read, replace, pause, resume, upcoming, preview, delete.</summary>
public sealed class ScheduleApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static object Standup(string? id, string rrule = "FREQ=WEEKLY;BYDAY=MO,WE", object? policy = null) => new
    {
        id,
        kind = "custom",
        timezone = "America/New_York",
        start = "2027-03-01T09:00:00",
        rrule,
        exdates = new[] { "2027-03-03T09:00:00" },
        recipient = new { firstName = "Ada", email = "ada@example.com" },
        message = "Stand-up in 5, {firstName}",
        policy,
    };

    [Fact]
    public async Task Create_returns_201_with_location_etag_resolved_policy_and_the_next_occurrences()
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/schedules", Standup("standup-1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/schedules/standup-1", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(
            """{"id":"standup-1","kind":"custom","timezone":"America/New_York","start":"2027-03-01T09:00:00","rrule":"FREQ=WEEKLY;BYDAY=MO,WE","rdates":[],"exdates":["2027-03-03T09:00:00"],"recipient":{"firstName":"Ada","email":"ada@example.com"},"message":"Stand-up in 5, {firstName}","webhookUrl":null,"policy":{"invalidDate":"omit","dstGap":"shiftForward","dstOverlap":"earlier","catchUpWindow":"P2D","guarantee":"atLeastOnce","spread":null,"onExcluded":null},"alarms":[],"calendar":null,"paused":false,"version":1,"upcoming":[{"kind":"custom","key":"schedule:standup-1:20270301T090000","localTime":"2027-03-01T09:00:00","dueUtc":"2027-03-01T14:00:00Z","plannedUtc":"2027-03-01T14:00:00Z","adjustments":[]},{"kind":"custom","key":"schedule:standup-1:20270308T090000","localTime":"2027-03-08T09:00:00","dueUtc":"2027-03-08T14:00:00Z","plannedUtc":"2027-03-08T14:00:00Z","adjustments":[]},{"kind":"custom","key":"schedule:standup-1:20270310T090000","localTime":"2027-03-10T09:00:00","dueUtc":"2027-03-10T14:00:00Z","plannedUtc":"2027-03-10T14:00:00Z","adjustments":[]}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_create_again_is_a_200_replay_and_a_different_one_a_409()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", Standup("standup-2"))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsJsonAsync("/api/v1/schedules", Standup("standup-2"))).StatusCode);
        var conflict = await api.Client.PostAsJsonAsync("/api/v1/schedules", Standup("standup-2", "FREQ=DAILY"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Replace_honours_if_match_and_bumps_the_version()
    {
        await api.Client.PostAsJsonAsync("/api/v1/schedules", Standup("standup-3"));

        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/schedules/standup-3") { Content = JsonContent.Create(Standup("standup-3", "FREQ=DAILY")) };
        stale.Headers.IfMatch.ParseAdd("\"7\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await api.Client.SendAsync(stale)).StatusCode);

        var current = new HttpRequestMessage(HttpMethod.Put, "/api/v1/schedules/standup-3") { Content = JsonContent.Create(Standup("standup-3", "FREQ=DAILY")) };
        current.Headers.IfMatch.ParseAdd("\"1\"");
        var replaced = await api.Client.SendAsync(current);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await Json.ReadAsync(replaced);
        Assert.Equal(("FREQ=DAILY", 2), (body.GetProperty("rrule").GetString(), body.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Pause_and_resume_are_idempotent_and_show_in_the_schedule()
    {
        await api.Client.PostAsJsonAsync("/api/v1/schedules", Standup("standup-4"));

        var paused = await Json.ReadAsync(await api.Client.PostAsync("/api/v1/schedules/standup-4/pause", null));
        var pausedAgain = await Json.ReadAsync(await api.Client.PostAsync("/api/v1/schedules/standup-4/pause", null));
        var resumed = await Json.ReadAsync(await api.Client.PostAsync("/api/v1/schedules/standup-4/resume", null));

        Assert.Equal((true, 2), (paused.GetProperty("paused").GetBoolean(), paused.GetProperty("version").GetInt32()));
        Assert.Equal((true, 2), (pausedAgain.GetProperty("paused").GetBoolean(), pausedAgain.GetProperty("version").GetInt32()));
        Assert.Equal((false, 3), (resumed.GetProperty("paused").GetBoolean(), resumed.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Upcoming_returns_count_items_in_order_skipping_exdates()
    {
        await api.Client.PostAsJsonAsync("/api/v1/schedules", Standup("standup-5"));

        var upcoming = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/standup-5/upcoming?count=5"));

        Assert.Equal(
            ["2027-03-01T09:00:00", "2027-03-08T09:00:00", "2027-03-10T09:00:00", "2027-03-15T09:00:00", "2027-03-17T09:00:00"],
            upcoming.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("localTime").GetString()));
        Assert.Equal(10, (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/standup-5/upcoming"))).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Preview_names_the_policy_adjustments_and_stores_nothing()
    {
        var rows = await StoredRowsAsync();

        // 02:30 daily in New York across the 2027-03-14 gap, and the 31st monthly under backward.
        var gap = await Json.ReadAsync(await api.Client.PostAsJsonAsync("/api/v1/schedules/preview?count=3", new
        {
            kind = "custom", timezone = "America/New_York", start = "2027-03-13T02:30:00", rrule = "FREQ=DAILY", message = "m",
        }));
        var invalidDate = await Json.ReadAsync(await api.Client.PostAsJsonAsync("/api/v1/schedules/preview?count=2", new
        {
            kind = "custom", timezone = "Europe/London", start = "2027-01-31T09:00:00", rrule = "RRULE:FREQ=MONTHLY", message = "m",
            policy = new { invalidDate = "forward" },
        }));

        Assert.Equal(
            """[{"key":"schedule:preview:20270313T023000","localTime":"2027-03-13T02:30:00","dueUtc":"2027-03-13T07:30:00Z","plannedUtc":"2027-03-13T07:30:00Z","adjustments":[]},{"key":"schedule:preview:20270314T023000","localTime":"2027-03-14T02:30:00","dueUtc":"2027-03-14T07:30:00Z","plannedUtc":"2027-03-14T07:30:00Z","adjustments":["dstGapShifted"]},{"key":"schedule:preview:20270315T023000","localTime":"2027-03-15T02:30:00","dueUtc":"2027-03-15T06:30:00Z","plannedUtc":"2027-03-15T06:30:00Z","adjustments":[]}]""",
            gap.GetProperty("items").GetRawText());
        Assert.Equal(
            [("2027-01-31T09:00:00", "[]"), ("2027-03-01T09:00:00", "[\"invalidDateForward\"]")],
            invalidDate.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("localTime").GetString(), i.GetProperty("adjustments").GetRawText())));
        Assert.Equal(rows, await StoredRowsAsync());
    }

    [Fact]
    public async Task A_configured_kind_supplies_the_template_and_policy_defaults()
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            id = "review-1", kind = "Meeting", timezone = "Europe/London", start = "2027-03-01T10:00:00",
            recipient = new { title = "Design review", time = "10:00", email = "team@example.com" },
        });
        var missing = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            kind = "meeting", timezone = "Europe/London", start = "2027-03-01T10:00:00", recipient = new { title = "Design review" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(("meeting", JsonValueKind.Null, "PT10M", "atMostOnce"),
            (body.GetProperty("kind").GetString(), body.GetProperty("message").ValueKind,
             body.GetProperty("policy").GetProperty("catchUpWindow").GetString(), body.GetProperty("policy").GetProperty("guarantee").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("{time}", (await Json.ReadAsync(missing)).GetProperty("errors").GetProperty("recipient")[0].GetString());
    }

    [Fact]
    public async Task Delete_returns_204_and_then_the_schedule_is_gone()
    {
        await api.Client.PostAsJsonAsync("/api/v1/schedules", Standup("standup-6"));

        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync("/api/v1/schedules/standup-6")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/api/v1/schedules/standup-6")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.DeleteAsync("/api/v1/schedules/standup-6")).StatusCode);
    }

    private Task<long> StoredRowsAsync() => api.StoredRowsAsync();
}
