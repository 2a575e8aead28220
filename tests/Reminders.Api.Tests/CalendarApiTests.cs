using System.Net;
using System.Net.Http.Json;
using System.Text;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>/api/v1/calendars: create, replace, read, list and delete, and what a schedule that names a calendar does with it.</summary>
public sealed class CalendarApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly object UsHolidays = new
    {
        dates = new[] { "2027-12-24" },
        rules = new[] { "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25" },
        weekend = new[] { "SA", "SU" },
    };

    [Fact]
    public async Task Put_CreatesThenReplacesOnlyWhenChanged_RaisingTheVersionEachChange()
    {
        var created = await api.Client.PutAsJsonAsync("/api/v1/calendars/us-holidays", UsHolidays);
        var again = await api.Client.PutAsJsonAsync("/api/v1/calendars/us-holidays", UsHolidays);
        var changed = await api.Client.PutAsJsonAsync("/api/v1/calendars/us-holidays", new { dates = new[] { "2027-12-31", "2027-12-24" }, weekend = new[] { "SU", "SA" } });
        var read = await api.Client.GetAsync("/api/v1/calendars/us-holidays");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (created.StatusCode, again.StatusCode, changed.StatusCode));
        Assert.Equal("/api/v1/calendars/us-holidays", created.Headers.Location?.ToString());
        Assert.Equal(
            """{"id":"us-holidays","version":1,"dates":["2027-12-24"],"rules":["FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"],"weekend":["SA","SU"]}""",
            (await Json.ReadAsync(created)).GetRawText());
        Assert.Equal(1, (await Json.ReadAsync(again)).GetProperty("version").GetInt32());
        Assert.Equal(
            """{"id":"us-holidays","version":2,"dates":["2027-12-24","2027-12-31"],"rules":[],"weekend":["SA","SU"]}""",
            (await Json.ReadAsync(read)).GetRawText());
    }

    [Fact]
    public async Task List_PagesInIdOrderWithANextToken()
    {
        foreach (var id in new[] { "list-c", "list-a", "list-b" })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.Client.PutAsJsonAsync($"/api/v1/calendars/{id}", new { weekend = new[] { "SU" } })).StatusCode);
        }

        var ids = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/calendars?limit=2" + (next is null ? "" : "&after=" + next)));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Where(id => id.StartsWith("list-", StringComparison.Ordinal)));
            next = page.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null && pages < 50);

        Assert.Equal(["list-a", "list-b", "list-c"], ids);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Client.GetAsync("/api/v1/calendars?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Client.GetAsync("/api/v1/calendars?after=%25%25")).StatusCode);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        // body, the member of 'errors' that must name the problem, a fragment of its message
        { """{"dates":"2027-12-24"}""", "dates", "array" },
        { """{"dates":["2027-12-32"]}""", "dates[0]", "YYYY-MM-DD" },
        { """{"dates":["24.12.2027"]}""", "dates[0]", "YYYY-MM-DD" },
        { """{"dates":["2027-12-24","2027-12-24"]}""", "dates[1]", "repeats" },
        { """{"dates":[20271224]}""", "dates[0]", "string" },
        { """{"rules":["FREQ=YEARLY;BYMONTH=13"]}""", "rules[0]", "BYMONTH" },
        { """{"rules":["FREQ=HOURLY"]}""", "rules[0]", "whole days" },
        { """{"rules":["FREQ=DAILY;BYHOUR=9"]}""", "rules[0]", "whole days" },
        { """{"weekend":["SAT"]}""", "weekend[0]", "MO, TU" },
        { """{"weekend":["MO","TU","WE","TH","FR","SA","SU"]}""", "weekend", "all seven" },
        { """{"holidays":["2027-12-24"]}""", "holidays", "not a field" },
        { """{"id":"other","weekend":["SU"]}""", "id", "does not match" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Put_WithBadInput_Returns400NamingTheFieldAndStoresNothing(string body, string field, string fragment)
    {
        var response = await api.Client.PutAsync("/api/v1/calendars/bad-input", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var messages = (await Json.ReadAsync(response)).GetProperty("errors").GetProperty(field);
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(fragment, StringComparison.Ordinal));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM reminders_calendars WHERE id = 'bad-input'"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/api/v1/calendars/bad-input")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/calendars/nobody", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/v1/calendars/nobody", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/calendars/has%20space", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "/api/v1/calendars/has%20space", HttpStatusCode.BadRequest)]
    public async Task Route_ForAMissingOrInvalidId_IsAProblem(string method, string path, HttpStatusCode status)
    {
        var response = await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Delete_WhileAScheduleUsesIt_Returns409AndKeepsIt_ThenSucceedsOnceTheScheduleIsGone()
    {
        await api.Client.PutAsJsonAsync("/api/v1/calendars/in-use", UsHolidays);
        var schedule = await api.Client.PostAsJsonAsync("/api/v1/schedules", Daily("uses-calendar", "in-use", "nextBusinessDay"));
        Assert.Equal(HttpStatusCode.Created, schedule.StatusCode);
        var stored = await Json.ReadAsync(schedule);
        Assert.Equal(("in-use", "nextBusinessDay"), (stored.GetProperty("calendar").GetString(), stored.GetProperty("policy").GetProperty("onExcluded").GetString()));

        var refused = await api.Client.DeleteAsync("/api/v1/calendars/in-use");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("uses-calendar", (await Json.ReadAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/calendars/in-use")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync("/api/v1/schedules/uses-calendar")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync("/api/v1/calendars/in-use")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/api/v1/calendars/in-use")).StatusCode);
    }

    [Fact]
    public async Task Replace_MovingAScheduleToAnotherCalendar_ReleasesTheOldOne()
    {
        await api.Client.PutAsJsonAsync("/api/v1/calendars/first", UsHolidays);
        await api.Client.PutAsJsonAsync("/api/v1/calendars/second", new { weekend = new[] { "SU" } });
        await api.Client.PostAsJsonAsync("/api/v1/schedules", Daily("moves", "first", "skip"));

        var replaced = await api.Client.PutAsJsonAsync("/api/v1/schedules/moves", Daily("moves", "second", "skip"));
        var missing = await api.Client.PutAsJsonAsync("/api/v1/schedules/moves", Daily("moves", "never-created", "skip"));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync("/api/v1/calendars/first")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.Client.DeleteAsync("/api/v1/calendars/second")).StatusCode);
        Assert.Equal("second", (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/moves"))).GetProperty("calendar").GetString());
    }

    [Theory]
    [InlineData("skip", "23,24,25,26,27", "23||,24|excludedSkipped|,25|excludedSkipped|,26|excludedSkipped|,27||")]
    [InlineData("nextBusinessDay", "23,24,25,26,27", "23||,27|excludedMoved|2027-12-27T09:00:00,27|excludedMoved|2027-12-27T09:00:00,27|excludedMoved|2027-12-27T09:00:00,27||")]
    [InlineData("previousBusinessDay", "23,23,23,23,27", "23||,23|excludedMoved|2027-12-23T09:00:00,23|excludedMoved|2027-12-23T09:00:00,23|excludedMoved|2027-12-23T09:00:00,27||")]
    public async Task Preview_AcrossAHolidayAndAWeekend_SkipsOrMovesUnderTheNominalKeys(string onExcluded, string dueDays, string planned)
    {
        // Fri 24 Dec is listed, Sat 25 Dec is the rule's (and a weekend day), Sun 26 Dec a weekend day; New York is at -05:00.
        await api.Client.PutAsJsonAsync("/api/v1/calendars/preview-us", UsHolidays);
        var rows = await api.StoredRowsAsync();

        var preview = await Json.ReadAsync(await api.Client.PostAsJsonAsync("/api/v1/schedules/preview?count=5", Daily("xmas", "preview-us", onExcluded)));

        var items = preview.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            ["schedule:xmas:20271223T090000", "schedule:xmas:20271224T090000", "schedule:xmas:20271225T090000", "schedule:xmas:20271226T090000", "schedule:xmas:20271227T090000"],
            items.Select(i => i.GetProperty("key").GetString()));
        // Days of December 2027, each at 09:00-05:00 (14:00Z): a move to a later day stays due at its nominal time.
        Assert.Equal(dueDays, string.Join(',', items.Select(i => DayAt1400Z(i.GetProperty("dueUtc").GetString()!))));
        Assert.Equal(
            planned,
            string.Join(',', items.Select(i => string.Join('|',
                DayAt1400Z(i.GetProperty("plannedUtc").GetString()!),
                string.Join(' ', i.GetProperty("adjustments").EnumerateArray().Select(a => a.GetString())),
                i.TryGetProperty("movedLocalTime", out var moved) ? moved.GetString() : ""))));
        Assert.Equal(rows, await api.StoredRowsAsync());
    }

    [Fact]
    public async Task CalendarEdit_ReArmsTheSchedulesThatUseIt_AndTheirUpcomingShowsTheNewDays()
    {
        await api.Client.PutAsJsonAsync("/api/v1/calendars/edited", new { weekend = new[] { "SA", "SU" } });
        await api.Client.PostAsJsonAsync("/api/v1/schedules", Daily("follows-edits", "edited", "nextBusinessDay"));
        Assert.Equal("2027-12-24T14:00:00Z", await UpcomingPlannedAsync("follows-edits", 1));

        await api.Client.PutAsJsonAsync("/api/v1/calendars/edited", new { dates = new[] { "2027-12-24" }, weekend = new[] { "SA", "SU" } });

        await Eventually.HoldsAsync(async () => await UpcomingPlannedAsync("follows-edits", 1) == "2027-12-27T14:00:00Z", "the edit re-armed the schedule");
        await Eventually.HoldsAsync(
            async () => await api.Database.ScalarAsync<long>("SELECT count(*) FROM reminders_calendars WHERE id = 'edited' AND rearmed_version = 2") == 1,
            "the job marked the calendar's schedules re-armed to version 2");
    }

    private async Task<string?> UpcomingPlannedAsync(string schedule, int index) =>
        (await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/schedules/{schedule}/upcoming?count=5"))).GetProperty("items")[index].GetProperty("plannedUtc").GetString();

    private static string DayAt1400Z(string instant) =>
        instant.StartsWith("2027-12-", StringComparison.Ordinal) && instant.EndsWith("T14:00:00Z", StringComparison.Ordinal) ? instant[8..10] : instant;

    private static object Daily(string id, string calendar, string onExcluded) => new
    {
        id,
        kind = "custom",
        timezone = "America/New_York",
        start = "2027-12-23T09:00:00",
        rrule = "FREQ=DAILY",
        message = "stand-up",
        calendar,
        policy = new { onExcluded },
    };
}
