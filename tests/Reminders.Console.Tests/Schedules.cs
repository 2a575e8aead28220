using System.Net;
using System.Net.Http.Json;
using Reminders.Api.Tests;

namespace Reminders.Console.Tests;

/// <summary>Schedules the browser tests create through the API, as an application would.</summary>
public static class Schedules
{
    /// <summary>Daily at 02:30 in New York from 2027-03-10: on 2027-03-14 that time does not exist (spring forward).</summary>
    public static object DailyAcrossSpringForward(string id) => new
    {
        id,
        kind = "custom",
        timezone = "America/New_York",
        start = "2027-03-10T02:30:00",
        rrule = "FREQ=DAILY",
        recipient = new { firstName = "Ada" },
        message = "Night shift check-in, {firstName}",
    };

    public static async Task CreateAsync(ConsoleFixture console, object body)
    {
        var response = await console.Client.PostAsJsonAsync("/api/v1/schedules", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<bool> IsPausedAsync(ConsoleFixture console, string id) =>
        (await Json.ReadAsync(await console.Client.GetAsync($"/api/v1/schedules/{id}"))).GetProperty("paused").GetBoolean();
}
