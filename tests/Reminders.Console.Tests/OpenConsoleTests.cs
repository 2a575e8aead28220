using System.Net;
using Reminders.Api.Tests;

namespace Reminders.Console.Tests;

/// <summary>An open host (authentication off, as in the API tests' default host) whose service clock travels in time.</summary>
public sealed class OpenTravellingFixture : ApiFixture
{
    public const string StartAt = "2040-03-14T06:59:00Z";

    protected override ApiFactory CreateFactory() => new(Database, clock: null, Receiver.Url, new Dictionary<string, string>
    {
        ["Reminders:Clock:StartAt"] = StartAt,
        ["Reminders:Clock:Speed"] = "60",
    });
}

/// <summary>With authentication off the console is open like the API, and says so; with time travel on, it says that too.</summary>
public sealed class OpenConsoleTests(OpenTravellingFixture api) : IClassFixture<OpenTravellingFixture>
{
    [Fact]
    public async Task Overview_WithAuthenticationOff_NeedsNoSignIn_AndShowsTheOpenBanner()
    {
        var response = await api.Client.GetAsync("/admin");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"open-banner\"", html, StringComparison.Ordinal);
        Assert.Contains("anonymous · admin", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPage_WithTimeTravelOn_ShowsTheBanner_AndTheOverviewShowsTheServiceClock()
    {
        foreach (var path in new[] { "/admin", "/admin/dead-letters", "/admin/audit" })
        {
            var html = await api.Client.GetStringAsync(path);
            Assert.Contains("id=\"time-travel-banner\"", html, StringComparison.Ordinal);
            Assert.Contains("Time travel is on: the service clock runs ×60 from " + OpenTravellingFixture.StartAt, html, StringComparison.Ordinal);
        }

        Assert.Contains("<span class=\"value small\" id=\"service-clock\">2040-03-14T", await api.Client.GetStringAsync("/admin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserPage_ShowsTheDefinitionAndTheNextBirthday_AndAnUnknownIdIs404()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.CreateAsync(Json.Ada("console-ada", zone: "Australia/Melbourne"))).StatusCode);

        var html = await api.Client.GetStringAsync("/admin/users/console-ada");

        Assert.Contains("ada@example.com", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"user:console-ada:birthday:2040\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/admin/users/nobody-here")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/admin/things/console-ada")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithAuthenticationOff_GoesStraightToTheOverview()
    {
        using var client = api.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/admin/sign-in");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }
}
