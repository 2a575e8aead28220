using Microsoft.AspNetCore.Authorization;

namespace Reminders.Api.Security;

/// <summary>The authorization policies endpoints name: one per scope, and one for <c>/metrics</c>.</summary>
public static class AuthPolicies
{
    public const string Read = ApiScopes.Read;
    public const string Write = ApiScopes.Write;
    public const string Admin = ApiScopes.Admin;

    /// <summary>For the Prometheus endpoint: <c>admin</c>, or anyone when <c>Reminders:Auth:AnonymousMetrics</c> is true.</summary>
    public const string Metrics = "metrics";

    public static void Add(AuthorizationOptions options, AuthOptions auth)
    {
        foreach (var scope in ApiScopes.All)
        {
            options.AddPolicy(scope, policy => policy.RequireClaim(ApiScopes.ClaimType, scope));
        }

        options.AddPolicy(Metrics, policy =>
        {
            if (auth.AnonymousMetrics)
            {
                policy.RequireAssertion(_ => true);
            }
            else
            {
                policy.RequireClaim(ApiScopes.ClaimType, ApiScopes.Admin);
            }
        });

        // A route mapped without a policy still needs a known key: forgetting one fails closed.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
