using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Reminders.Api.Security;

namespace Reminders.Api.Admin;

/// <summary>
/// How the console knows who is at the browser. An operator signs in once with an API key; the console keeps
/// only the key's name, scopes and a fingerprint of its hash as claims in a data-protected cookie (never the key),
/// and checks on every request that a key of that name and hash is still configured, so a revoked key is signed out
/// and a key's scopes are always the ring's. With authentication off, the console is open like the API.
/// </summary>
public static class ConsoleAuth
{
    /// <summary>Forwards to the cookie, or to the API-key scheme (everyone, every scope) when the key ring is open.</summary>
    public const string Scheme = "Console";
    public const string CookieScheme = "ConsoleCookie";
    public const string Policy = "console";
    public const string CookieName = "reminders-console";
    public const string FingerprintClaim = "key_fp";
    public const string SignInPath = "/admin/sign-in";

    public static void AddConsoleAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.Path = "/admin";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = SignInPath;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                // A session lasts real hours, whatever the service clock does when it travels.
                options.TimeProvider = TimeProvider.System;
                options.Events.OnValidatePrincipal = ValidateAsync;
                // Only admin may act; a refused action is a plain 403, not a redirect to a page saying so.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddPolicyScheme(Scheme, "Operator console", options => options.ForwardDefaultSelector = context =>
                context.RequestServices.GetRequiredService<ApiKeyRing>().IsOpen ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireClaim(ApiScopes.ClaimType, ApiScopes.Read));
    }

    /// <summary>The principal a signed-in key gets: its name, its effective scopes, the fingerprint of its hash.</summary>
    public static ClaimsPrincipal Principal(ApiKey key)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name), new(FingerprintClaim, Fingerprint(key)) };
        claims.AddRange(key.Scopes.Select(s => new Claim(ApiScopes.ClaimType, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme));
    }

    /// <summary>A short digest of the key's hash: tells a replaced key under the same name from the one signed in.</summary>
    public static string Fingerprint(ApiKey key) => Convert.ToHexStringLower(SHA256.HashData(key.Hash).AsSpan(0, 8));

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var ring = context.HttpContext.RequestServices.GetRequiredService<ApiKeyRing>();
        var name = context.Principal?.Identity?.Name;
        var key = name is null ? null : ring.Named(name);
        if (key is null || Fingerprint(key) != context.Principal!.FindFirstValue(FingerprintClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }

        context.ReplacePrincipal(Principal(key));
    }
}
