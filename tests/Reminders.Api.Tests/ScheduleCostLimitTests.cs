using System.Net;
using System.Text;
using static Reminders.Api.Tests.CostBodies;

namespace Reminders.Api.Tests;

/// <summary>
/// The worst rules still allowed answer a preview and an upcoming list of 1,000 with 200: one a minute all year
/// long (expressed yearly, with and without BYSETPOS), and Feb 29 on a Monday with every time of day.
/// </summary>
public sealed class ScheduleCostLimitTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    public static TheoryData<string, string, int> Allowed => new()
    {
        // id, rule, how many of 1,000 the next 400 years hold
        { "every-minute", $"FREQ=YEARLY;BYYEARDAY={YearDays};BYHOUR={Hours};BYMINUTE={Minutes}", 1_000 },
        { "last-minute", $"FREQ=YEARLY;BYYEARDAY={YearDays};BYHOUR={Hours};BYMINUTE={Minutes};BYSETPOS=-1", 402 },
        { "leap-monday", $"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR={Hours};BYMINUTE={Minutes};BYSETPOS=1,-1", 30 },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task PreviewAndUpcoming_WorstAllowedRule_Answer1000OrAllWithinTheHorizon(string id, string rule, int expected)
    {
        var preview = await api.Client.PostAsync("/api/v1/schedules/preview?count=1000", Content(Body(null, rule)));
        Assert.True(preview.StatusCode == HttpStatusCode.OK, await preview.Content.ReadAsStringAsync());
        Assert.Equal(expected, (await Json.ReadAsync(preview)).GetProperty("items").GetArrayLength());

        var created = await api.Client.PostAsync("/api/v1/schedules", Content(Body(id, rule)));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var upcoming = await api.Client.GetAsync($"/api/v1/schedules/{id}/upcoming?count=1000");
        Assert.Equal(HttpStatusCode.OK, upcoming.StatusCode);
        Assert.Equal(expected, (await Json.ReadAsync(upcoming)).GetProperty("items").GetArrayLength());
    }

    private static StringContent Content(string body) => new(body, Encoding.UTF8, "application/json");
}
