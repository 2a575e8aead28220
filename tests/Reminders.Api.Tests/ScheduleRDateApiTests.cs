using System.Net;
using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary>rdates through the API: stored and shown, merged into the preview and the upcoming list under their keys.</summary>
public sealed class ScheduleRDateApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Preview_MergesRDatesWithTheRule_OneKeyPerLocalTime_UnderTheDstAndExdatePolicies()
    {
        var rows = await api.StoredRowsAsync();

        var preview = await Json.ReadAsync(await api.Client.PostAsJsonAsync("/api/v1/schedules/preview?count=5", new
        {
            id = "standup", kind = "custom", timezone = "America/New_York", start = "2027-03-08T09:00:00", rrule = "FREQ=WEEKLY;BYDAY=MO",
            // One in the 2027-03-14 gap, one the rule gives anyway, one excluded, one plain.
            rdates = new[] { "2027-03-14T02:30:00", "2027-03-15T09:00:00", "2027-03-17T12:00:00", "2027-03-18T12:00:00" },
            exdates = new[] { "2027-03-17T12:00:00" },
            message = "m",
        }));

        Assert.Equal(
            """[{"key":"schedule:standup:20270308T090000","localTime":"2027-03-08T09:00:00","dueUtc":"2027-03-08T14:00:00Z","plannedUtc":"2027-03-08T14:00:00Z","adjustments":[]},{"key":"schedule:standup:20270314T023000","localTime":"2027-03-14T02:30:00","dueUtc":"2027-03-14T07:30:00Z","plannedUtc":"2027-03-14T07:30:00Z","adjustments":["dstGapShifted"]},{"key":"schedule:standup:20270315T090000","localTime":"2027-03-15T09:00:00","dueUtc":"2027-03-15T13:00:00Z","plannedUtc":"2027-03-15T13:00:00Z","adjustments":[]},{"key":"schedule:standup:20270318T120000","localTime":"2027-03-18T12:00:00","dueUtc":"2027-03-18T16:00:00Z","plannedUtc":"2027-03-18T16:00:00Z","adjustments":[]},{"key":"schedule:standup:20270322T090000","localTime":"2027-03-22T09:00:00","dueUtc":"2027-03-22T13:00:00Z","plannedUtc":"2027-03-22T13:00:00Z","adjustments":[]}]""",
            preview.GetProperty("items").GetRawText());
        Assert.Equal(rows, await api.StoredRowsAsync());
    }

    [Fact]
    public async Task Create_WithRDatesAndNoRule_StoresThemSortedAndListsStartThenEach()
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            id = "visits", kind = "custom", timezone = "Europe/London", start = "2027-03-01T10:00:00",
            rdates = new[] { "2027-03-05T10:00:00", "2027-03-03T16:30:00" },
            message = "Visit",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("""["2027-03-03T16:30:00","2027-03-05T10:00:00"]""", body.GetProperty("rdates").GetRawText());
        var upcoming = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/visits/upcoming"));
        Assert.Equal(
            ["schedule:visits:20270301T100000", "schedule:visits:20270303T163000", "schedule:visits:20270305T100000"],
            upcoming.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
    }
}
