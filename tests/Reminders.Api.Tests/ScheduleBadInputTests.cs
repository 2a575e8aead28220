using System.Net;
using System.Text;

namespace Reminders.Api.Tests;

/// <summary>
/// Every way to get a schedule wrong gets a 400 problem naming the field (and, for rules, the part), for both
/// create and preview, and stores nothing: this class's host only ever receives bad requests.
/// </summary>
public sealed class ScheduleBadInputTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    // The members of a valid body, without the braces.
    private const string Valid = "\"kind\":\"custom\",\"timezone\":\"America/New_York\",\"start\":\"2027-01-04T09:00:00\",\"rrule\":\"FREQ=WEEKLY;BYDAY=MO\",\"recipient\":{\"firstName\":\"Ada\",\"email\":\"ada@example.com\"},\"message\":\"Hi {firstName}\"";

    public static TheoryData<string, string, string, string?> BadBodies => new()
    {
        // case, body, the member of 'errors' that must name the problem, a fragment its message must contain
        { "malformed JSON", """{"kind":""", "body", null },
        { "unknown member", "{" + Valid + ""","cron":"0 9 * * 1"}""", "cron", null },
        { "kind missing", Without("\"kind\":\"custom\","), "kind", "required" },
        { "kind unknown", Replace("\"kind\":\"custom\"", "\"kind\":\"holiday\""), "kind", "custom" },
        { "timezone unknown", Replace("America/New_York", "Mars/Olympus_Mons"), "timezone", null },
        { "start with an offset", Replace("2027-01-04T09:00:00", "2027-01-04T09:00:00-05:00"), "start", "no offset" },
        { "start a date only", Replace("2027-01-04T09:00:00", "2027-01-04"), "start", null },
        { "start impossible", Replace("2027-01-04T09:00:00", "2027-02-30T09:00:00"), "start", null },
        { "start missing", Without(",\"start\":\"2027-01-04T09:00:00\""), "start", "required" },
        { "rrule unparsable", Replace("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MONDAY"), "rrule", "BYDAY" },
        { "rrule bad interval", Replace("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;INTERVAL=-2"), "rrule", "INTERVAL" },
        { "rrule minutely", Replace("FREQ=WEEKLY;BYDAY=MO", "FREQ=MINUTELY"), "rrule", "MINUTELY" },
        { "rrule COUNT with UNTIL", Replace("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;COUNT=3;UNTIL=20270301T000000Z"), "rrule", "COUNT and UNTIL" },
        { "rrule UNTIL before start", Replace("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;UNTIL=20261201T000000Z"), "rrule", "UNTIL is before start" },
        { "rrule with no occurrence", Replace("FREQ=WEEKLY;BYDAY=MO", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), "rrule", "no occurrence" },
        { "rrule a number", Replace("\"FREQ=WEEKLY;BYDAY=MO\"", "7"), "rrule", null },
        { "only occurrence excluded", Replace(",\"rrule\":\"FREQ=WEEKLY;BYDAY=MO\"", ",\"exdates\":[\"2027-01-04T09:00:00\"]"), "start", "no occurrence" },
        { "exdates not an array", "{" + Valid + ""","exdates":"2027-01-11T09:00:00"}""", "exdates", null },
        { "exdate with an offset", "{" + Valid + ""","exdates":["2027-01-11T09:00:00Z"]}""", "exdates[0]", null },
        { "exdate a date only", "{" + Valid + ""","exdates":["2027-01-11T09:00:00","2027-01-18"]}""", "exdates[1]", null },
        { "recipient not an object", Replace("{\"firstName\":\"Ada\",\"email\":\"ada@example.com\"}", "[\"ada\"]"), "recipient", null },
        { "recipient value not a string", Replace("\"firstName\":\"Ada\"", "\"firstName\":1"), "recipient.firstName", null },
        { "placeholder without a value", Replace("Hi {firstName}", "Hi {nickname}"), "message", "{nickname}" },
        { "custom without a message", Without(",\"message\":\"Hi {firstName}\""), "message", "required" },
        { "message blank", Replace("Hi {firstName}", "  "), "message", null },
        { "webhookUrl ftp", "{" + Valid + ""","webhookUrl":"ftp://example.com/hook"}""", "webhookUrl", "http" },
        { "webhookUrl relative", "{" + Valid + ""","webhookUrl":"/hook"}""", "webhookUrl", null },
        { "webhookUrl with credentials", "{" + Valid + ""","webhookUrl":"https://user:secret@example.com/hook"}""", "webhookUrl", "credentials" },
        { "policy not an object", "{" + Valid + ""","policy":"strict"}""", "policy", null },
        { "policy unknown member", "{" + Valid + ""","policy":{"dstFold":"earlier"}}""", "policy.dstFold", null },
        { "invalidDate unknown", "{" + Valid + ""","policy":{"invalidDate":"clamp"}}""", "policy.invalidDate", "omit, backward, forward" },
        { "dstGap unknown", "{" + Valid + ""","policy":{"dstGap":"shiftBackward"}}""", "policy.dstGap", "shiftForward, omit" },
        { "dstOverlap both", "{" + Valid + ""","policy":{"dstOverlap":"both"}}""", "policy.dstOverlap", "earlier, later" },
        { "guarantee unknown", "{" + Valid + ""","policy":{"guarantee":"exactlyOnce"}}""", "policy.guarantee", "atLeastOnce, atMostOnce" },
        { "catchUpWindow not a duration", "{" + Valid + ""","policy":{"catchUpWindow":"2 days"}}""", "policy.catchUpWindow", "ISO 8601" },
        { "catchUpWindow in months", "{" + Valid + ""","policy":{"catchUpWindow":"P1M"}}""", "policy.catchUpWindow", null },
        { "catchUpWindow too long", "{" + Valid + ""","policy":{"catchUpWindow":"P400D"}}""", "policy.catchUpWindow", null },
        { "id with a space", "{" + Valid + ""","id":"has space"}""", "id", null },
        { "id two dots", "{" + Valid + ""","id":".."}""", "id", null },
        // 24:00 is not a time of day here: NodaTime's pattern would read it as the next day's 00:00, silently.
        { "start at 24:00", Replace("2027-01-04T09:00:00", "2027-01-03T24:00:00"), "start", null },
        { "exdate at 24:00", "{" + Valid + ""","exdates":["2027-01-10T24:00:00"]}""", "exdates[0]", null },
        { "spread zero", "{" + Valid + ""","policy":{"spread":"PT0S"}}""", "policy.spread", "PT1S to PT24H" },
        { "spread negative", "{" + Valid + ""","policy":{"spread":"-PT1M"}}""", "policy.spread", "PT1S to PT24H" },
        { "spread over a day", "{" + Valid + ""","policy":{"spread":"PT24H1S"}}""", "policy.spread", "PT1S to PT24H" },
        { "spread in months", "{" + Valid + ""","policy":{"spread":"P1M"}}""", "policy.spread", null },
        { "spread not a duration", "{" + Valid + ""","policy":{"spread":"10 minutes"}}""", "policy.spread", null },
        { "spread a number", "{" + Valid + ""","policy":{"spread":600}}""", "policy.spread", null },
        { "calendar not a string", "{" + Valid + ""","calendar":7}""", "calendar", "string" },
        { "calendar an invalid id", "{" + Valid + ""","calendar":"us holidays"}""", "calendar", "letters, digits" },
        { "calendar that does not exist", "{" + Valid + ""","calendar":"nowhere"}""", "calendar", "no business calendar 'nowhere'" },
        { "onExcluded without a calendar", "{" + Valid + ""","policy":{"onExcluded":"skip"}}""", "policy.onExcluded", "name one in calendar" },
        { "onExcluded unknown", "{" + Valid + ""","calendar":"nowhere","policy":{"onExcluded":"nextWeekday"}}""", "policy.onExcluded", "skip, nextBusinessDay, previousBusinessDay" },
        { "rdates not an array", "{" + Valid + ""","rdates":"2027-01-12T10:00:00"}""", "rdates", "array" },
        { "rdate with an offset", "{" + Valid + ""","rdates":["2027-01-12T10:00:00+01:00"]}""", "rdates[0]", "no offset" },
        { "rdate a date only", "{" + Valid + ""","rdates":["2027-01-12T10:00:00","2027-01-13"]}""", "rdates[1]", null },
        { "rdate a number", "{" + Valid + ""","rdates":[20270112]}""", "rdates[0]", null },
        { "rdate impossible", "{" + Valid + ""","rdates":["2027-02-29T10:00:00"]}""", "rdates[0]", null },
        { "rdate twice", "{" + Valid + ""","rdates":["2027-01-12T10:00:00","2027-01-13T10:00:00","2027-01-12T10:00:00"]}""", "rdates[2]", "more than once" },
        { "rdate before start", "{" + Valid + ""","rdates":["2027-01-04T08:59:59"]}""", "rdates[0]", "at or after start" },
        { "too many rdates", "{" + Valid + ""","rdates":[""" + string.Join(",", Enumerable.Range(0, 1_001).Select(i => $"\"2027-02-01T{i / 60 % 24:00}:{i % 60:00}:00\"")) + "]}", "rdates", "at most 1000" },
        // A one-shot already due would be stored and never sent (the clock reads 2026-12-01T00:00:00Z).
        { "one-shot start in the past", Replace(",\"rrule\":\"FREQ=WEEKLY;BYDAY=MO\"", "").Replace("2027-01-04T09:00:00", "2026-11-30T18:59:59", StringComparison.Ordinal), "start", "in the past" },
        { "one-shot start long past", Replace(",\"rrule\":\"FREQ=WEEKLY;BYDAY=MO\"", "").Replace("2027-01-04T09:00:00", "2020-01-04T09:00:00", StringComparison.Ordinal), "start", "never be sent" },
        { "message with NUL", Replace("Hi {firstName}", "Hi\\u0000 {firstName}"), "message", "control" },
        { "message with a C1 control", Replace("Hi {firstName}", "Hi\\u009b {firstName}"), "message", "control" },
        { "message with a noncharacter", Replace("Hi {firstName}", "Hi {firstName}\\ufdd0"), "message", null },
        { "message with a lone surrogate", Replace("Hi {firstName}", "Hi {firstName}\\udfff"), "message", null },
        { "recipient value with NUL", Replace("\"firstName\":\"Ada\"", "\"firstName\":\"A\\u0000da\""), "recipient.firstName", "control" },
        { "recipient value with a lone surrogate", Replace("\"firstName\":\"Ada\"", "\"firstName\":\"\\ud83dAda\""), "recipient.firstName", null },
        { "recipient value with an escape character", Replace("\"firstName\":\"Ada\"", "\"firstName\":\"\\u001b[31mAda\""), "recipient.firstName", "control" },
    };

    [Fact]
    public async Task A_message_invalid_as_UTF8_is_a_400_naming_message()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{" + Valid.Replace("Hi {firstName}", "Hi ", StringComparison.Ordinal)[..^1]), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes(" {firstName}\"}")];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        await AssertRejectedAsync(await api.Client.PostAsync("/api/v1/schedules", content), "CESU surrogate bytes", "message", null);
    }

    [Theory]
    [InlineData("Line one\\nline two\\r\\n\\tindented, {firstName}")]
    [InlineData("\\u05e9\\u05dc\\u05d5\\u05dd \\u200f{firstName}")]
    public async Task Preview_accepts_line_breaks_tabs_and_right_to_left_text_in_a_message(string message)
    {
        var response = await PostAsync("/api/v1/schedules/preview?count=1", Replace("Hi {firstName}", message));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Preview_of_a_one_shot_due_exactly_now_has_its_occurrence()
    {
        var body = Replace(",\"rrule\":\"FREQ=WEEKLY;BYDAY=MO\"", "").Replace("2027-01-04T09:00:00", "2026-11-30T19:00:00", StringComparison.Ordinal);

        var response = await PostAsync("/api/v1/schedules/preview", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2026-12-01T00:00:00Z", (await Json.ReadAsync(response)).GetProperty("items")[0].GetProperty("dueUtc").GetString());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_with_bad_input_returns_400_naming_the_field_and_stores_nothing(string @case, string body, string field, string? fragment) =>
        await AssertRejectedAsync(await PostAsync("/api/v1/schedules", body), @case, field, fragment);

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Preview_with_bad_input_returns_400_naming_the_field(string @case, string body, string field, string? fragment) =>
        await AssertRejectedAsync(await PostAsync("/api/v1/schedules/preview", body), @case, field, fragment);

    [Theory]
    [InlineData("/api/v1/schedules/preview?count=0")]
    [InlineData("/api/v1/schedules/preview?count=1001")]
    [InlineData("/api/v1/schedules/preview?count=ten")]
    public async Task Preview_with_a_count_outside_1_to_1000_returns_400(string path) =>
        await AssertRejectedAsync(await PostAsync(path, "{" + Valid + "}"), path, "count", "1 to 1000");

    [Theory]
    [InlineData("GET", "/api/v1/schedules/has%20space")]
    [InlineData("POST", "/api/v1/schedules/a%2Fb/pause")]
    [InlineData("GET", "/api/v1/schedules/ok/upcoming?count=0")]
    [InlineData("GET", "/api/v1/schedules/ok/upcoming?count=-1")]
    public async Task Route_with_an_invalid_id_or_count_returns_400(string method, string path)
    {
        var response = await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/v1/schedules/nobody")]
    [InlineData("GET", "/api/v1/schedules/nobody/upcoming")]
    [InlineData("GET", "/api/v1/schedules/nobody/occurrences")]
    [InlineData("POST", "/api/v1/schedules/nobody/pause")]
    [InlineData("POST", "/api/v1/schedules/nobody/resume")]
    [InlineData("DELETE", "/api/v1/schedules/nobody")]
    public async Task A_schedule_that_does_not_exist_is_404(string method, string path)
    {
        var response = await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // After every test in this class: nothing reached storage.
    public async Task DisposeAsync() => Assert.Equal(0L, await api.StoredRowsAsync());

    private static async Task AssertRejectedAsync(HttpResponseMessage response, string @case, string field, string? fragment)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{@case}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json.ReadAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{@case}: errors should name '{field}': {problem}");
        if (fragment is not null)
        {
            Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(fragment, StringComparison.Ordinal));
        }
    }

    private static string Replace(string from, string to) => "{" + Valid.Replace(from, to, StringComparison.Ordinal) + "}";

    private static string Without(string part) => Replace(part, "");

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        api.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
}
