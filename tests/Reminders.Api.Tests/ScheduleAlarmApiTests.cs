using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Reminders.Api.Tests;

/// <summary>
/// alarms through the API: stored normalised and shown, listed in the preview and the upcoming list under keys of
/// their own (day offsets as calendar arithmetic in the zone, time offsets as elapsed time), and bad alarms refused
/// with a problem naming the alarm's field, storing nothing. The host's clock reads 2026-12-01T00:00:00Z.
/// </summary>
public sealed class ScheduleAlarmApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // The members of a valid one-shot body, without the braces or alarms.
    private const string Valid = "\"kind\":\"custom\",\"timezone\":\"America/New_York\",\"start\":\"2027-03-14T09:00:00\",\"recipient\":{\"firstName\":\"Ada\"},\"message\":\"Hi {firstName}\"";

    public static TheoryData<string, string, string, string?> BadAlarms => new()
    {
        // case, the alarms member's value, the member of 'errors' that must name the problem, a fragment its message must contain
        { "not an array", "\"-P1D\"", "alarms", "array" },
        { "too many", "[" + string.Join(",", Enumerable.Range(1, 11).Select(i => $"{{\"offset\":\"-PT{i}H\"}}")) + "]", "alarms", "at most 10" },
        { "an entry not an object", "[\"-P1D\"]", "alarms[0]", "object" },
        { "offset missing", "[{\"message\":\"m\"}]", "alarms[0].offset", "required" },
        { "offset a number", "[{\"offset\":86400}]", "alarms[0].offset", "string" },
        { "offset in months", "[{\"offset\":\"-P1M\"}]", "alarms[0].offset", "months" },
        { "offset mixing days and time", "[{\"offset\":\"-P1DT1H\"}]", "alarms[0].offset", "mix" },
        { "offset a fraction", "[{\"offset\":\"-PT0.5H\"}]", "alarms[0].offset", null },
        { "offset written per component", "[{\"offset\":\"P-1D\"}]", "alarms[0].offset", null },
        { "offset not a duration", "[{\"offset\":\"1 day before\"}]", "alarms[0].offset", "RFC 5545" },
        { "offset zero", "[{\"offset\":\"-PT0S\"}]", "alarms[0].offset", "zero" },
        { "offset over a year", "[{\"offset\":\"-P367D\"}]", "alarms[0].offset", "366 days" },
        { "offset over a year in hours", "[{\"offset\":\"PT8785H\"}]", "alarms[0].offset", "366 days" },
        { "two offsets the same once normalised", "[{\"offset\":\"-P1D\"},{\"offset\":\"-PT60M\"},{\"offset\":\"-PT1H\"}]", "alarms[2].offset", "same keys" },
        { "weeks and days the same", "[{\"offset\":\"-P1W\"},{\"offset\":\"-P7D\"}]", "alarms[1].offset", "same keys" },
        { "unknown member", "[{\"offset\":\"-P1D\",\"related\":\"end\"}]", "alarms[0].related", "offset and message" },
        { "message blank", "[{\"offset\":\"-P1D\",\"message\":\"  \"}]", "alarms[0].message", "blank" },
        { "message a number", "[{\"offset\":\"-P1D\",\"message\":7}]", "alarms[0].message", "string" },
        { "message placeholder without a value", "[{\"offset\":\"-P1D\",\"message\":\"Tomorrow, {nickname}\"}]", "alarms[0].message", "{nickname}" },
        { "message with NUL", "[{\"offset\":\"-P1D\",\"message\":\"Hi\\u0000\"}]", "alarms[0].message", "control" },
    };

    [Fact]
    public async Task Preview_AcrossSpringForward_DayOffsetKeepsTheLocalTime_TimeOffsetIsExactElapsedTime()
    {
        var rows = await api.StoredRowsAsync();

        // 09:00 on 2027-03-14 in New York is 13:00Z (EDT, the clocks went forward at 02:00 that night); the day before, 09:00 was 14:00Z (EST).
        var preview = await Json.ReadAsync(await api.Client.PostAsJsonAsync("/api/v1/schedules/preview", new
        {
            id = "meet", kind = "custom", timezone = "America/New_York", start = "2027-03-14T09:00:00", message = "Meeting",
            alarms = new object[] { new { offset = "-P1D" }, new { offset = "-PT24H", message = "In 24 hours" }, new { offset = "-PT60M" } },
        }));

        Assert.Equal(
            """[{"key":"schedule:meet:-alarm:-PT24H:20270314T090000","localTime":"2027-03-13T08:00:00","dueUtc":"2027-03-13T13:00:00Z","plannedUtc":"2027-03-13T13:00:00Z","adjustments":[],"alarm":{"occurrence":"schedule:meet:20270314T090000","offset":"-PT24H"}},"""
            + """{"key":"schedule:meet:-alarm:-P1D:20270314T090000","localTime":"2027-03-13T09:00:00","dueUtc":"2027-03-13T14:00:00Z","plannedUtc":"2027-03-13T14:00:00Z","adjustments":[],"alarm":{"occurrence":"schedule:meet:20270314T090000","offset":"-P1D"}},"""
            + """{"key":"schedule:meet:-alarm:-PT1H:20270314T090000","localTime":"2027-03-14T08:00:00","dueUtc":"2027-03-14T12:00:00Z","plannedUtc":"2027-03-14T12:00:00Z","adjustments":[],"alarm":{"occurrence":"schedule:meet:20270314T090000","offset":"-PT1H"}},"""
            + """{"key":"schedule:meet:20270314T090000","localTime":"2027-03-14T09:00:00","dueUtc":"2027-03-14T13:00:00Z","plannedUtc":"2027-03-14T13:00:00Z","adjustments":[]}]""",
            preview.GetProperty("items").GetRawText());
        Assert.Equal(rows, await api.StoredRowsAsync());
    }

    [Fact]
    public async Task Preview_DayOffsetLandingInTheGap_IsResolvedByTheDstGapPolicy()
    {
        // 02:30 on 2027-03-15 exists (EDT, 06:30Z); the day before, 02:30 fell in the gap: read with EST's offset, 07:30Z.
        var shifted = await PreviewAsync("2027-03-15T02:30:00", "-P1D", policy: null);
        var omitted = await PreviewAsync("2027-03-15T02:30:00", "-P1D", policy: new { dstGap = "omit" });

        Assert.Equal(
            """[{"key":"schedule:gap:-alarm:-P1D:20270315T023000","localTime":"2027-03-14T02:30:00","dueUtc":"2027-03-14T07:30:00Z","plannedUtc":"2027-03-14T07:30:00Z","adjustments":["dstGapShifted"],"alarm":{"occurrence":"schedule:gap:20270315T023000","offset":"-P1D"}},"""
            + """{"key":"schedule:gap:20270315T023000","localTime":"2027-03-15T02:30:00","dueUtc":"2027-03-15T06:30:00Z","plannedUtc":"2027-03-15T06:30:00Z","adjustments":[]}]""",
            shifted.GetProperty("items").GetRawText());
        Assert.Equal(["schedule:gap:20270315T023000"], omitted.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Create_WithAlarms_StoresTheOffsetsNormalised_AndListsTheAlarmsInUpcoming()
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            id = "review", kind = "custom", timezone = "Europe/London", start = "2027-01-04T09:00:00", rrule = "FREQ=WEEKLY;BYDAY=MO",
            message = "Review", alarms = new object[] { new { offset = "-P1W", message = "A week to go" }, new { offset = "-PT90M" }, new { offset = "+PT15M" } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(
            """[{"offset":"-P7D","message":"A week to go"},{"offset":"-PT1H30M","message":null},{"offset":"PT15M","message":null}]""",
            body.GetProperty("alarms").GetRawText());
        var upcoming = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/review/upcoming?count=5"));
        Assert.Equal(
            [
                "2026-12-28T09:00:00Z schedule:review:-alarm:-P7D:20270104T090000",
                "2027-01-04T07:30:00Z schedule:review:-alarm:-PT1H30M:20270104T090000",
                "2027-01-04T09:00:00Z schedule:review:-alarm:-P7D:20270111T090000",
                "2027-01-04T09:00:00Z schedule:review:20270104T090000",
                "2027-01-04T09:15:00Z schedule:review:-alarm:PT15M:20270104T090000",
            ],
            upcoming.GetProperty("items").EnumerateArray()
                .Select(i => $"{i.GetProperty("dueUtc").GetString()} {i.GetProperty("key").GetString()}")
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Replace_RemovingAnAlarm_DropsItsAlarms_TheOthersKeepTheirKeys()
    {
        var create = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            id = "retro", kind = "custom", timezone = "Europe/London", start = "2027-01-08T16:00:00", rrule = "FREQ=WEEKLY;BYDAY=FR",
            message = "Retro", alarms = new object[] { new { offset = "-P1D" }, new { offset = "-PT1H" } },
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);

        var replace = await api.Client.PutAsJsonAsync("/api/v1/schedules/retro", new
        {
            kind = "custom", timezone = "Europe/London", start = "2027-01-08T16:00:00", rrule = "FREQ=WEEKLY;BYDAY=FR",
            message = "Retro", alarms = new object[] { new { offset = "-PT1H", message = "Retro in an hour" } },
        });

        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        var body = await Json.ReadAsync(replace);
        Assert.Equal("""[{"offset":"-PT1H","message":"Retro in an hour"}]""", body.GetProperty("alarms").GetRawText());
        Assert.Equal(
            ["schedule:retro:-alarm:-PT1H:20270108T160000", "schedule:retro:20270108T160000", "schedule:retro:-alarm:-PT1H:20270115T160000"],
            body.GetProperty("upcoming").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Occurrences_OfAnAlarm_SayWhichOccurrenceItIsForAndItsOffset()
    {
        // Created at 2026-12-01T00:00Z: the -P1D alarm of 2026-12-01T09:00Z (09:00 yesterday) is caught up at once.
        var create = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            id = "soon", kind = "custom", timezone = "Europe/London", start = "2026-12-01T09:00:00", message = "Soon",
            alarms = new[] { new { offset = "-P1D" } },
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);

        System.Text.Json.JsonElement? alarm = null;
        await api.AdvanceUntilAsync(async () =>
        {
            var items = (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/soon/occurrences"))).GetProperty("items").EnumerateArray().ToList();
            alarm = items.Cast<System.Text.Json.JsonElement?>().FirstOrDefault(i => i!.Value.GetProperty("key").GetString() == "schedule:soon:-alarm:-P1D:20261201T090000");
            return alarm is not null;
        });

        Assert.Equal("""{"occurrence":"schedule:soon:20261201T090000","offset":"-P1D"}""", alarm!.Value.GetProperty("alarm").GetRawText());
        Assert.True(alarm.Value.GetProperty("late").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(BadAlarms))]
    public async Task Create_AndPreview_WithABadAlarm_Return400NamingTheAlarmsField_AndStoreNothing(string @case, string alarms, string field, string? fragment)
    {
        var rows = await api.StoredRowsAsync();
        var body = "{" + Valid + ",\"alarms\":" + alarms + "}";

        foreach (var path in new[] { "/api/v1/schedules", "/api/v1/schedules/preview" })
        {
            var response = await api.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{@case} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await Json.ReadAsync(response);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{@case}: errors should name '{field}': {problem}");
            if (fragment is not null)
            {
                Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(fragment, StringComparison.Ordinal));
            }
        }

        Assert.Equal(rows, await api.StoredRowsAsync());
    }

    private async Task<System.Text.Json.JsonElement> PreviewAsync(string start, string offset, object? policy)
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/schedules/preview", new
        {
            id = "gap", kind = "custom", timezone = "America/New_York", start, message = "m", policy, alarms = new[] { new { offset } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }
}
