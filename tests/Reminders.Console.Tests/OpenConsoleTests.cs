using System.Net;
using Reminders.Api.Tests;

namespace Reminders.Console.Tests;

/// <summary>With authentication off (as in these tests' default host), the console is open like the API, and says so.</summary>
public sealed class OpenConsoleTests(ApiFixture api) : IClassFixture<ApiFixture>
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
    public async Task SignIn_WithAuthenticationOff_GoesStraightToTheOverview()
    {
        using var client = api.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/admin/sign-in");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }
}
