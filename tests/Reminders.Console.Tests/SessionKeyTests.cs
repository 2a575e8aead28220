using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Reminders.Api.Admin;
using Reminders.Api.Security;

namespace Reminders.Console.Tests;

/// <summary>
/// A console session holds a key's name and the fingerprint of its hash, and is checked against the configured
/// keys on every request: a key removed or replaced since sign-in is signed out; scopes always come from the ring.
/// </summary>
public sealed class SessionKeyTests
{
    private static readonly ApiKey SignedIn = new("ops", Hash("first-key"), ApiScopes.Effective([ApiScopes.Admin]));

    [Fact]
    public async Task Session_WhoseKeyWasRemoved_IsRejected() =>
        Assert.Null(await ValidateAsync(("someone-else", "other-key", "admin")));

    [Fact]
    public async Task Session_WhoseKeyNameNowHasAnotherKey_IsRejected() =>
        Assert.Null(await ValidateAsync(("ops", "second-key", "admin")));

    [Fact]
    public async Task Session_OfAKeyStillConfigured_CarriesTheScopesTheRingGivesItNow()
    {
        var principal = await ValidateAsync(("ops", "first-key", "read"));

        Assert.NotNull(principal);
        Assert.Equal("ops", principal.Identity?.Name);
        Assert.True(ApiScopes.Has(principal, ApiScopes.Read));
        Assert.False(ApiScopes.Has(principal, ApiScopes.Admin));
    }

    private static async Task<ClaimsPrincipal?> ValidateAsync(params (string Name, string Key, string Scopes)[] configured)
    {
        var services = new ServiceCollection().AddLogging();
        var auth = new AuthOptions { Keys = [.. configured.Select(k => new ApiKeyOptions { Name = k.Name, Key = k.Key, Scopes = k.Scopes })] };
        services.AddSingleton(new ApiKeyRing(Options.Create(auth), new HostingEnvironment { EnvironmentName = "Production" }));
        services.AddConsoleAuthentication();
        var provider = services.BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = provider };
        var options = provider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ConsoleAuth.CookieScheme);
        var scheme = (await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(ConsoleAuth.CookieScheme))!;
        var context = new CookieValidatePrincipalContext(http, scheme, options,
            new AuthenticationTicket(ConsoleAuth.Principal(SignedIn), ConsoleAuth.CookieScheme));

        await options.Events.ValidatePrincipal(context);
        return context.Principal;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
