using Orleans.Dashboard;
using Reminders.Api.Admin;
using Reminders.Api.Audit;
using Reminders.Api.Catalog;
using Reminders.Api.DevReceiver;
using Reminders.Api.Docs;
using Reminders.Api.Endpoints;
using Reminders.Api.Health;
using Reminders.Api.Occurrences;
using Reminders.Api.Schedules;
using Reminders.Api.Security;
using Reminders.Api.Stats;
using Reminders.Api.Users;
using Reminders.Api.Validation;
using Reminders.Grains.Delivery;
using Reminders.Silo.Database;

namespace Reminders.Api.Hosting;

/// <summary>
/// The HTTP side of the API host: API keys and rate limits, problem details, health, the user, schedule,
/// occurrence and audit endpoints, the operator console, their OpenAPI document and reference, the dashboard, Prometheus metrics and the dev receiver.
/// </summary>
public static class ApiHostingExtensions
{
    public static WebApplicationBuilder AddRemindersApi(this WebApplicationBuilder builder)
    {
        builder.AddRemindersSecurity();
        builder.AddRemindersApiDocs();
        builder.AddRemindersConsole();
        builder.Services.AddProblemDetails();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Kestrel answers requests over its limits itself, with an empty body: its limits sit well above the
            // documented ones, which RequestGuard enforces with a problem document.
            kestrel.Limits.MaxRequestLineSize = 2 * RequestGuard.MaxTargetBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * RequestGuard.MaxHeaderBytes;
        });
        builder.Services.AddExceptionHandler<TransientFailureExceptionHandler>();
        builder.Services.AddRemindersHealthChecks();
        builder.Services.AddSingleton<TimeZoneIds>();
        builder.Services.AddSingleton<UserRequestReader>();
        builder.Services.AddSingleton<ScheduleRequestReader>();
        builder.Services.AddSingleton<PostgresAuditLog>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<CatalogQueryReader>();
        builder.Services.AddSingleton<PostgresLedgerStats>();
        builder.Services.AddSingleton<ServiceStats>();
        builder.Services.AddSingleton<OccurrenceOperations>();
        if (UsesDevReceiver(builder.Configuration))
        {
            builder.Services.AddSingleton<DevReceiverLog>();
            builder.Services.AddSingleton<IDefaultWebhookUrlProvider, DevReceiverWebhookUrl>();
        }

        return builder;
    }

    public static WebApplication MapRemindersApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestGuard>();
        app.UseRemindersSecurity();
        app.MapHealthEndpoints();
        app.MapUserEndpoints();
        app.MapScheduleEndpoints();
        app.MapCalendarEndpoints();
        app.MapOccurrenceEndpoints();
        app.MapAuditEndpoints();
        app.MapCatalogEndpoints();
        app.MapStatsEndpoints();
        app.MapTriggerEndpoints();
        app.MapBackfillEndpoints();
        app.MapBulkEndpoints();
        app.MapRemindersApiDocs();
        app.MapRemindersConsole();
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(AuthPolicies.Admin);
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(AuthPolicies.Metrics);
        if (UsesDevReceiver(app.Configuration))
        {
            app.MapDevReceiver();
        }

        return app;
    }

    private static bool UsesDevReceiver(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration[$"{DeliveryOptions.SectionName}:WebhookUrl"]);
}
