using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Reminders.Api.Admin;

/// <summary>
/// The operator console at <c>/admin</c>: server-rendered Razor Pages in this process, signed in with an API key
/// (a data-protected cookie), antiforgery on every form, its one stylesheet and one script served from this assembly.
/// </summary>
public static class AdminHostingExtensions
{
    public static WebApplicationBuilder AddRemindersConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddConsoleAuthentication();
        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Admin/Pages";
            options.Conventions.AuthorizeFolder("/", ConsoleAuth.Policy);
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AddPageRoute("/Awaiting", "/admin/uncertain");
        });
        builder.Services.Configure<AntiforgeryOptions>(options =>
        {
            options.Cookie.Name = "reminders-console-csrf";
            options.Cookie.Path = "/admin";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "reminders-console-notice";
            options.Cookie.Path = "/admin";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddSingleton<ConsoleAssets>();
        builder.Services.AddSingleton<ConsoleActions>();
        builder.Services.AddSingleton<EntityEditor>();
        return builder;
    }

    public static WebApplication MapRemindersConsole(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/admin/assets/{name}", (string name, ConsoleAssets assets) => assets.Serve(name)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
