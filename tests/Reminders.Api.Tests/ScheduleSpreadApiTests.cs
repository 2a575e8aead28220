using System.Net;
using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary>policy.spread through the API: stored and shown, and each occurrence's plannedUtc in the preview and the upcoming list.</summary>
public sealed class ScheduleSpreadApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Preview_WithSpread_ShowsNominalDueUtcAndPlannedUtcAtItsKeysOffset()
    {
        var rows = await api.StoredRowsAsync();

        var preview = await Json.ReadAsync(await api.Client.PostAsJsonAsync("/api/v1/schedules/preview?count=2", new
        {
            id = "standup", kind = "custom", timezone = "Europe/London", start = "2027-03-01T09:00:00", rrule = "FREQ=DAILY",
            message = "m", policy = new { spread = "PT10M" },
        }));

        // Offsets from Python: int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") % 600_000 (ms): 110873 and 557015.
        Assert.Equal(
            """[{"key":"schedule:standup:20270301T090000","localTime":"2027-03-01T09:00:00","dueUtc":"2027-03-01T09:00:00Z","plannedUtc":"2027-03-01T09:01:50.873Z","adjustments":[]},{"key":"schedule:standup:20270302T090000","localTime":"2027-03-02T09:00:00","dueUtc":"2027-03-02T09:00:00Z","plannedUtc":"2027-03-02T09:09:17.015Z","adjustments":[]}]""",
            preview.GetProperty("items").GetRawText());
        Assert.Equal(rows, await api.StoredRowsAsync());
    }

    [Fact]
    public async Task Create_WithSpread_ShowsItInThePolicyAndTheUpcomingPlannedTimes()
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            id = "standup", kind = "custom", timezone = "Europe/London", start = "2027-03-01T09:00:00", rrule = "FREQ=DAILY",
            message = "m", policy = new { spread = "PT10M" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("PT10M", body.GetProperty("policy").GetProperty("spread").GetString());
        var upcoming = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/standup/upcoming?count=1"));
        Assert.Equal(
            ("2027-03-01T09:00:00Z", "2027-03-01T09:01:50.873Z"),
            (upcoming.GetProperty("items")[0].GetProperty("dueUtc").GetString(), upcoming.GetProperty("items")[0].GetProperty("plannedUtc").GetString()));
    }

    [Fact]
    public async Task Create_OfAKindWithAConfiguredSpread_TakesTheKindsSpread()
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            id = "news", kind = "newsletter", timezone = "Europe/London", start = "2027-03-01T09:00:00", rrule = "FREQ=DAILY",
            recipient = new { firstName = "Ada" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("PT10M", (await Json.ReadAsync(response)).GetProperty("policy").GetProperty("spread").GetString());
    }
}
