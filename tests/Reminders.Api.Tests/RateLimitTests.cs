using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Api.Security;

namespace Reminders.Api.Tests;

/// <summary>Each key has its own request budget: one caller's burst is refused with 429 and Retry-After, and nobody else's is touched.</summary>
public sealed class RateLimitTests(RateLimitTests.Fixture api) : IClassFixture<RateLimitTests.Fixture>
{
    [Fact]
    public async Task Burst_OverTheLimit_Returns429ProblemWithRetryAfter_AndAnotherKeyIsNotLimited()
    {
        using var burst = Client("burst-key-0123456789");
        using var calm = Client("calm-key-0123456789");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => burst.GetAsync("/api/v1/dead-letters?limit=1")));
        var calmResponse = await calm.GetAsync("/api/v1/dead-letters?limit=1");

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r =>
        {
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        });
        Assert.Equal(429, (await Json.ReadAsync(refused[0])).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, calmResponse.StatusCode);
    }

    [Fact]
    public async Task Health_IsNotLimited()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => api.Client.GetAsync("/health/live")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task MetricsPolicy_WithAnonymousMetrics_AllowsAnyone()
    {
        var authorization = api.Factory.Services.GetRequiredService<IAuthorizationService>();

        Assert.True((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), AuthPolicies.Metrics)).Succeeded);
    }

    private HttpClient Client(string key)
    {
        var client = api.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Two read keys at two requests a second, and metrics open to anyone.</summary>
    public sealed class Fixture : ApiFixture
    {
        protected override ApiFactory CreateFactory()
        {
            var settings = SecuredApiFixture.Keys(("burst", "Key", "burst-key-0123456789", "read"), ("calm", "Key", "calm-key-0123456789", "read"));
            settings["Reminders:Auth:RequestsPerSecond"] = "2";
            settings["Reminders:Auth:AnonymousMetrics"] = "true";
            return new(Database, Clock, Receiver.Url, settings);
        }
    }
}
