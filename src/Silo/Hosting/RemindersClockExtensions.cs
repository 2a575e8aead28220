using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Reminders;
using Reminders.Grains.Clock;
using Reminders.Silo.Clock;

namespace Reminders.Silo.Hosting;

/// <summary>
/// Time travel (<c>Reminders:Clock</c>): when configured, grains, the API and the Orleans reminder service run on a
/// <see cref="TravellingTimeProvider"/>, while the rest of the Orleans runtime stays on real time. When not
/// configured nothing is registered, so the real clock (or a test's clock) is used as before.
/// </summary>
public static class RemindersClockExtensions
{
    private const string InnerLoggerFactoryKey = "Reminders.Clock.InnerLoggerFactory";
    private const string ReminderRefreshTimerCategory = "Orleans.Runtime.AsyncTimer.ReminderService";

    // How often, in real time, each silo at most re-reads its reminder rows at high speed.
    private static readonly TimeSpan MinRealReminderRefresh = TimeSpan.FromSeconds(5);

    // SiloMessagingOptionsValidator's upper bound for the placement timeout.
    private static readonly TimeSpan MaxPlacementTimeout = TimeSpan.FromDays(1);

    public static IHostApplicationBuilder AddRemindersClock(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClockOptions>().Bind(builder.Configuration.GetSection(ClockOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClockOptions>, ClockOptionsValidator>();

        var options = ClockOptions.From(builder.Configuration);
        if (!options.TimeTravels)
        {
            return builder;
        }

        // Created now, so that the clock starts with the process rather than when first asked for.
        var clock = options.CreateClock(TimeProvider.System);
        services.AddSingleton(clock);
        services.AddSingleton<TimeProvider>(clock);
        UseServiceClockForGrainsAndReminders(services);
        AdaptRuntimeToSpeed(services, clock);
        services.AddHostedService<TimeTravelNotice>();
        MarkEveryLogLine(services, clock);
        return builder;
    }

    /// <summary>
    /// Orleans reads time per area through keyed <see cref="TimeProvider"/>s. These are the registrations of
    /// Orleans.TestingHost's <c>UseTimeProviderForBackgroundAreas(TimeProvider.System)</c>, plus the reminder key:
    /// every area (messaging and response timeouts, membership and probes, system timers, activation collection,
    /// the directory cache, and any key an extension package adds) stays on the real clock, because a sped-up clock
    /// would expire timeouts and declare silos dead early; only grains (their timers and
    /// <c>IGrainRuntime.TimeProvider</c>) and the reminder service follow the service clock.
    /// </summary>
    private static void UseServiceClockForGrainsAndReminders(IServiceCollection services)
    {
        services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, (_, _) => TimeProvider.System);
        services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, (sp, _) => sp.GetRequiredService<TimeProvider>());
    }

    /// <summary>
    /// Two parts of the runtime read the unkeyed clock, so they follow the service clock. The cluster manifest's
    /// one-second peer probe may time out early and fall back to asking each silo directly, which is harmless;
    /// the placement timeout and retry delay are stretched here so they last as long in real time as configured.
    /// The reminder service re-reads its rows every <c>RefreshReminderListPeriod</c> of service time, which at
    /// high speed would be many reads a second: it re-reads at most every 5 real seconds, holding twice that in
    /// memory. And its refresh timer warns when it fires 3 s late by the service clock, which at speed is a few
    /// real milliseconds of ordinary scheduling jitter: only its errors are logged.
    /// </summary>
    private static void AdaptRuntimeToSpeed(IServiceCollection services, TravellingTimeProvider clock)
    {
        services.PostConfigure<SiloMessagingOptions>(o =>
        {
            o.PlacementTimeout = Stretch(o.PlacementTimeout, clock.Speed, MaxPlacementTimeout);
            o.PlacementRetryBaseDelay = Stretch(o.PlacementRetryBaseDelay, clock.Speed, MaxPlacementTimeout);
        });
        services.PostConfigure<ReminderOptions>(o =>
        {
            var refresh = MinRealReminderRefresh * clock.Speed;
            if (o.RefreshReminderListPeriod < refresh)
            {
                o.RefreshReminderListPeriod = refresh;
            }

            if (o.ReminderLoadingWindow < 2 * o.RefreshReminderListPeriod)
            {
                o.ReminderLoadingWindow = 2 * o.RefreshReminderListPeriod;
            }
        });
        services.Configure<LoggerFilterOptions>(o => o.AddFilter(ReminderRefreshTimerCategory, LogLevel.Error));
    }

    private static TimeSpan Stretch(TimeSpan realTime, double speed, TimeSpan max) =>
        realTime.TotalMilliseconds * speed >= max.TotalMilliseconds ? max : realTime * speed;

    /// <summary>Replaces the host's logger factory with one that marks every line, keeping the original under a private key.</summary>
    private static void MarkEveryLogLine(IServiceCollection services, TravellingTimeProvider clock)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Time travel marks every log line, but this host registers no ILoggerFactory.");
        services.Remove(original);
        services.Add(original switch
        {
            { ImplementationInstance: { } instance } => ServiceDescriptor.KeyedSingleton(typeof(ILoggerFactory), InnerLoggerFactoryKey, instance),
            { ImplementationFactory: { } factory } => new ServiceDescriptor(typeof(ILoggerFactory), InnerLoggerFactoryKey, (sp, _) => factory(sp), original.Lifetime),
            _ => new ServiceDescriptor(typeof(ILoggerFactory), InnerLoggerFactoryKey, original.ImplementationType!, original.Lifetime),
        });
        services.AddSingleton<ILoggerFactory>(sp =>
            new TimeTravelLoggerFactory(sp.GetRequiredKeyedService<ILoggerFactory>(InnerLoggerFactoryKey), clock));
    }
}
