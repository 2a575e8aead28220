using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Calendars;
using Reminders.Grains.Clock;
using Reminders.Grains.Delivery;
using Reminders.Grains.Entities;
using Reminders.Grains.Ledger;
using Reminders.Grains.Schedules;
using Reminders.Grains.Scheduling;
using Reminders.Grains.Telemetry;
using Reminders.Grains.Users;

namespace Reminders.Grains.Hosting;

/// <summary>Registers what the grains need: options, the clock, the zone database and delivery.</summary>
public static class GrainsServiceCollectionExtensions
{
    public static IServiceCollection AddRemindersGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TimeZoneOptions>().Bind(configuration.GetSection(TimeZoneOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TimeZoneOptions>, TimeZoneOptionsValidator>();
        services.TryAddSingleton<IDateTimeZoneProvider>(sp => TimeZoneDatabase.Load(sp.GetRequiredService<IOptions<TimeZoneOptions>>().Value));

        services.AddOptions<EventsOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<EventsOptions>>(new EventsOptionsSetup(configuration));
        services.AddSingleton<IValidateOptions<EventsOptions>, EventsOptionsValidator>();
        services.AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection(DeliveryOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.WebhookUrl is null || WebhookTargets.Problem(o.WebhookUrl) is null,
                $"{DeliveryOptions.SectionName}:WebhookUrl must be an absolute http or https URL without credentials.")
            // A list binds from indexed keys only: a plain value would be dropped and leave webhooks unsigned.
            .Validate(_ => string.IsNullOrEmpty(configuration[$"{DeliveryOptions.SectionName}:SigningSecrets"]),
                $"{DeliveryOptions.SectionName}:SigningSecrets is a list: set SigningSecrets:0 (Reminders__Delivery__SigningSecrets__0), and :1 for a second secret.")
            .Validate(_ => string.IsNullOrEmpty(configuration[$"{DeliveryOptions.SectionName}:AllowedTargetHosts"]),
                $"{DeliveryOptions.SectionName}:AllowedTargetHosts is a list: set AllowedTargetHosts:0 (Reminders__Delivery__AllowedTargetHosts__0), :1 and so on.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, SigningSecretsValidator>();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, TargetHostsValidator>();

        services.AddSingleton<UserSchedule>();
        services.AddSingleton<ScheduleSeriesFactory>();
        services.AddSingleton<CalendarCache>();
        services.AddSingleton<RetryPolicy>();
        services.AddSingleton<ClusterShare>();
        services.AddSingleton<DeliveryChannels>();
        services.AddSingleton<TargetGates>();
        services.AddSingleton<WebhookSigner>();
        services.AddHostedService<WebhookSigningNotice>();
        services.AddSingleton<TriggerSettings>();
        services.AddSingleton<DispatchServices>();
        services.TryAddSingleton<DispatchActivity>();
        services.AddMetrics();
        services.TryAddSingleton<RemindersMetrics>();
        services.AddOptions<LedgerOptions>()
            .Bind(configuration.GetSection(LedgerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ITargetHostResolver, DnsTargetHostResolver>();
        services.AddSingleton<WebhookTargetGuard>();
        services.AddSingleton<GuardedConnector>();

        // A redirect would turn the POST into a GET elsewhere (and, for a client's target, lead past the guard):
        // neither client follows one, and the 3xx is reported as a permanent failure.
        services.AddHttpClient(WebhookChannel.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });

        // Client-supplied targets: every connection resolves and checks the host itself and connects to the checked
        // address. No proxy, since a proxy would make the connection (and the name lookup) on our behalf, unchecked.
        services.AddHttpClient(WebhookChannel.GuardedHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = services.GetRequiredService<GuardedConnector>().ConnectAsync,
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeliveryChannel, WebhookChannel>());
        return services;
    }
}
