using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Api.Security;

namespace Reminders.Api.Tests;

/// <summary>Every route asks for its scope: no key is a 401 challenge, a key without the scope a 403, the right key gets through.</summary>
[Collection(SecuredApiTests.Name)]
public sealed class RouteScopeTests(SecuredApiFixture api)
{
    private const string OccurrenceKey = "schedule:nobody:20270101T090000";

    /// <summary>Each route: method, route pattern, a path that matches it, and the scope it needs.</summary>
    public static readonly TheoryData<string, string, string, string> Routes = new()
    {
        { "POST", "/api/v1/users/", "/api/v1/users", "write" },
        { "GET", "/api/v1/users/{id}", "/api/v1/users/nobody", "read" },
        { "PUT", "/api/v1/users/{id}", "/api/v1/users/nobody", "write" },
        { "DELETE", "/api/v1/users/{id}", "/api/v1/users/nobody", "write" },
        { "GET", "/api/v1/users/{id}/occurrences", "/api/v1/users/nobody/occurrences", "read" },
        { "POST", "/api/v1/schedules/", "/api/v1/schedules", "write" },
        { "POST", "/api/v1/schedules/preview", "/api/v1/schedules/preview", "write" },
        { "GET", "/api/v1/schedules/{id}", "/api/v1/schedules/nobody", "read" },
        { "PUT", "/api/v1/schedules/{id}", "/api/v1/schedules/nobody", "write" },
        { "DELETE", "/api/v1/schedules/{id}", "/api/v1/schedules/nobody", "write" },
        { "POST", "/api/v1/schedules/{id}/pause", "/api/v1/schedules/nobody/pause", "write" },
        { "POST", "/api/v1/schedules/{id}/resume", "/api/v1/schedules/nobody/resume", "write" },
        { "GET", "/api/v1/schedules/{id}/upcoming", "/api/v1/schedules/nobody/upcoming", "read" },
        { "GET", "/api/v1/schedules/{id}/occurrences", "/api/v1/schedules/nobody/occurrences", "read" },
        { "GET", "/api/v1/dead-letters", "/api/v1/dead-letters", "read" },
        { "GET", "/api/v1/occurrences", "/api/v1/occurrences", "read" },
        { "POST", "/api/v1/occurrences/{key}/retry", $"/api/v1/occurrences/{OccurrenceKey}/retry", "admin" },
        { "POST", "/api/v1/occurrences/{key}/discard", $"/api/v1/occurrences/{OccurrenceKey}/discard", "admin" },
        { "GET", "/api/v1/audit", "/api/v1/audit", "read" },
        { "GET", "/api/v1/users", "/api/v1/users", "read" },
        { "GET", "/api/v1/schedules", "/api/v1/schedules", "read" },
        { "GET", "/api/v1/stats", "/api/v1/stats", "read" },
        { "POST", "/api/v1/schedules/{id}/trigger", "/api/v1/schedules/nobody/trigger", "write" },
        { "POST", "/api/v1/schedules/{id}/backfill", "/api/v1/schedules/nobody/backfill", "write" },
        { "POST", "/api/v1/users/{id}/trigger", "/api/v1/users/nobody/trigger", "write" },
        { "POST", "/api/v1/occurrences/retry", "/api/v1/occurrences/retry", "admin" },
        { "POST", "/api/v1/occurrences/discard", "/api/v1/occurrences/discard", "admin" },
        { "GET", "/api/v1/calendars/", "/api/v1/calendars", "read" },
        { "GET", "/api/v1/calendars/{id}", "/api/v1/calendars/nobody", "read" },
        { "PUT", "/api/v1/calendars/{id}", "/api/v1/calendars/nobody", "admin" },
        { "DELETE", "/api/v1/calendars/{id}", "/api/v1/calendars/nobody", "admin" },
        { "GET", "/dashboard/", "/dashboard/", "admin" },
        { "GET", "/dashboard/version", "/dashboard/version", "admin" },
        { "GET", "/metrics", "/metrics", "admin" }, // the metrics policy: admin unless AnonymousMetrics
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WithoutKey_Returns401ProblemWithChallenge(string method, string pattern, string path, string scope)
    {
        _ = (pattern, scope);
        var anonymous = await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var unknown = await SendAsync(method, path, "not-a-configured-key");

        foreach (var response in new[] { anonymous, unknown })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(401, (await Json.ReadAsync(response)).GetProperty("status").GetInt32());
            Assert.Equal(path.StartsWith("/dashboard", StringComparison.Ordinal) ? "Basic" : "Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WithKeyLackingTheScope_Returns403Problem(string method, string pattern, string path, string scope)
    {
        _ = pattern;
        if (scope == "read")
        {
            return; // every key has read: there is no key without it
        }

        var response = await SendAsync(method, path, scope == "write" ? SecuredApiFixture.ReadKey : SecuredApiFixture.WriteKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(403, (await Json.ReadAsync(response)).GetProperty("status").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WithTheScope_GetsThrough_AsBearerOrXApiKey(string method, string pattern, string path, string scope)
    {
        _ = pattern;
        var key = scope switch { "read" => SecuredApiFixture.ReadKey, "write" => SecuredApiFixture.WriteKey, _ => SecuredApiFixture.AdminKey };
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("X-Api-Key", key);

        foreach (var response in new[] { await SendAsync(method, path, key), await api.Client.SendAsync(request) })
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithoutKey_IsOpen(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public void EveryMappedRoute_IsInTheTableOrOpenHealthOrDocsOrAdminDashboardOrConsole()
    {
        var table = Routes.Select(r => ((string)r[0], (string)r[1])).ToHashSet();
        var endpoints = api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (pattern.StartsWith("/health/", StringComparison.Ordinal) || IsOpenDocumentation(pattern))
            {
                Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
            }
            else if (pattern.StartsWith("/dashboard", StringComparison.Ordinal))
            {
                Assert.Contains("admin", policies);
            }
            else if (pattern.StartsWith("/admin", StringComparison.Ordinal))
            {
                // The console: its pages ask for the console policy (cookie, read; actions check admin), except
                // sign-in and the stylesheet and script, which a visitor needs before signing in.
                if (pattern is "/admin/sign-in" or "/admin/assets/{name}")
                {
                    Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
                }
                else
                {
                    Assert.Contains("console", policies);
                }
            }
            else if (pattern == "/metrics")
            {
                Assert.Equal([AuthPolicies.Metrics], policies);
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [];
                Assert.All(methods, m => Assert.Contains((m, pattern), table));
                Assert.NotEmpty(policies);
            }
        }

        Assert.Contains(endpoints, e => e.RoutePattern.RawText!.Contains("audit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs/")]
    [InlineData("/docs/scalar.js")]
    public async Task Documentation_WithoutKey_IsOpen(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task MetricsPolicy_ByDefault_NeedsAdmin()
    {
        var authorization = api.Factory.Services.GetRequiredService<IAuthorizationService>();
        static ClaimsPrincipal With(params string[] scopes) =>
            new(new ClaimsIdentity(scopes.Select(s => new Claim("scope", s)), "ApiKey"));

        Assert.False((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), AuthPolicies.Metrics)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(With("read", "write"), AuthPolicies.Metrics)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(With("read", "write", "admin"), AuthPolicies.Metrics)).Succeeded);
    }

    /// <summary>The OpenAPI document and its reference are open: they describe the API's shape, and no data.</summary>
    private static bool IsOpenDocumentation(string pattern) =>
        pattern == "/openapi/{documentName}.json" || pattern.StartsWith("/docs/", StringComparison.Ordinal);

    private Task<HttpResponseMessage> SendAsync(string method, string path, string key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return api.Client.SendAsync(request);
    }
}
