using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Reminders.Api.Security;

/// <summary>API keys and scopes, the per-caller rate limit and the startup rules for running without keys.</summary>
public static class SecurityHostingExtensions
{
    public static WebApplicationBuilder AddRemindersSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton(s => new ApiKeyRing(s.GetRequiredService<IOptions<AuthOptions>>(), s.GetRequiredService<IHostEnvironment>()));
        services.AddHostedService<OpenAccessNotice>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AuthOptions>>((options, auth) => AuthPolicies.Add(options, auth.Value));
        services.AddRateLimiter(RequestRateLimits.Configure);
        return builder;
    }

    /// <summary>Authentication first, so the rate limit knows the caller; authorization after the limit, so a flood of bad keys is limited too.</summary>
    public static WebApplication UseRemindersSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
