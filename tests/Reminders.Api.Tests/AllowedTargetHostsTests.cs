using System.Net;
using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary>With <c>AllowedTargetHosts</c> set, a client's webhookUrl must be on a listed host: exact, or below a <c>*.</c> domain.</summary>
public sealed class AllowedTargetHostsTests(AllowedHostsFixture api) : IClassFixture<AllowedHostsFixture>
{
    [Theory]
    [InlineData("https://hooks.example.com/in")]
    [InlineData("https://HOOKS.example.com./in")]
    [InlineData("https://eu.example.net/in")]
    [InlineData("https://a.b.example.net/in")]
    public async Task A_listed_host_is_accepted(string url) =>
        Assert.Equal(HttpStatusCode.OK, (await PreviewAsync(url)).StatusCode);

    [Theory]
    [InlineData("https://example.net/in")] // the wildcard covers hosts below the domain, not the domain
    [InlineData("https://other.example.com/in")]
    [InlineData("https://hooks.example.com.evil.test/in")]
    [InlineData("https://93.184.216.34/in")]
    public async Task An_unlisted_host_is_refused_with_400(string url)
    {
        var response = await PreviewAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await Json.ReadAsync(response)).GetProperty("errors").GetProperty("webhookUrl")[0].GetString();
        Assert.EndsWith("is not one of the allowed target hosts.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listed_host_resolving_to_a_private_address_is_still_refused()
    {
        api.Resolver.Stage("intranet.example.net", ["10.1.2.3"]);

        var response = await PreviewAsync("https://intranet.example.net/in");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("resolves to 10.1.2.3, a private address", (await Json.ReadAsync(response)).GetProperty("errors").GetProperty("webhookUrl")[0].GetString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PreviewAsync(string webhookUrl) =>
        api.Client.PostAsJsonAsync("/api/v1/schedules/preview", new
        {
            kind = "custom", timezone = "UTC", start = "2030-01-07T09:00:00", recipient = new { firstName = "Ada" }, message = "Hi {firstName}", webhookUrl,
        });
}
