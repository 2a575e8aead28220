using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary>The README's BYWEEKNO preview: ISO week 1's Monday, which can be in the December before.</summary>
public sealed class ScheduleWeekNumberApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Preview_Week1Monday_IncludesTheOneInTheDecemberBefore()
    {
        var preview = await Json.ReadAsync(await api.Client.PostAsJsonAsync("/api/v1/schedules/preview?count=4", new
        {
            kind = "custom", timezone = "Europe/London", start = "2027-01-01T09:00:00", rrule = "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", message = "m",
        }));

        // Python: [d for d in days from 2027-01-01 if d.isocalendar()[1] == 1 and d.weekday() == 0][:4]
        Assert.Equal(
            ["2027-01-04T09:00:00", "2028-01-03T09:00:00", "2029-01-01T09:00:00", "2029-12-31T09:00:00"],
            preview.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("localTime").GetString()));
    }
}
