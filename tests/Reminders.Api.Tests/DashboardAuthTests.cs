using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Reminders.Api.Tests;

/// <summary>The dashboard is for admins, and a browser can get in: it answers with a Basic challenge and takes the key as the password.</summary>
[Collection(SecuredApiTests.Name)]
public sealed class DashboardAuthTests(SecuredApiFixture api)
{
    [Fact]
    public async Task Dashboard_WithoutKey_ChallengesForBasicCredentials()
    {
        var response = await api.Client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal(("Basic", "realm=\"Reminders\""), (challenge.Scheme, challenge.Parameter));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/version")]
    public async Task Dashboard_WithAdminKeyAsBasicPassword_IsServed(string path)
    {
        var response = await SendBasicAsync(path, "any-user", SecuredApiFixture.AdminKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithReadKeyAsBasicPassword_IsForbidden()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await SendBasicAsync("/dashboard/", "someone", SecuredApiFixture.ReadKey)).StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithWrongBasicPassword_ChallengesAgain()
    {
        var response = await SendBasicAsync("/dashboard/", "admin", "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Api_WithBasicCredentials_IsNotAccepted()
    {
        // Basic is for the browser on the dashboard only; the API takes keys as Bearer or X-Api-Key.
        var response = await SendBasicAsync("/api/v1/occurrences", "admin", SecuredApiFixture.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    private Task<HttpResponseMessage> SendBasicAsync(string path, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return api.Client.SendAsync(request);
    }
}
