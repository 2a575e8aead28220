using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Reminders;
using Orleans.TestingHost;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>
/// The real API host (a silo with PostgreSQL clustering, storage and reminders) on its own database and
/// ports, delivering to a real loopback receiver, with grains and reminders on a fake clock; or, without
/// <paramref name="clock"/>, on whatever clock its configuration gives it.
/// </summary>
public sealed class ApiFactory(
    PostgresDatabase database,
    FakeTimeProvider? clock,
    Uri? webhookUrl,
    IReadOnlyDictionary<string, string>? settings = null,
    ILoggerProvider? logs = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public string ServiceId { get; } = "api-test-" + Guid.NewGuid().ToString("N")[..12];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Reminders", database.ConnectionString);
        builder.UseSetting("Reminders:Cluster:ClusterId", ServiceId);
        builder.UseSetting("Reminders:Cluster:ServiceId", ServiceId);
        builder.UseSetting("Reminders:Cluster:SiloPort", FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Reminders:Cluster:GatewayPort", FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        // A configured kind, as an operator would add one: template and policy defaults only.
        builder.UseSetting("Reminders:Events:Meeting:Template", "{title} starts at {time}");
        builder.UseSetting("Reminders:Events:Meeting:CatchUpWindow", "00:10:00");
        builder.UseSetting("Reminders:Events:Meeting:Guarantee", "AtMostOnce");
        // A kind whose herds are spread by configuration.
        builder.UseSetting("Reminders:Events:Newsletter:Template", "News for {firstName}");
        builder.UseSetting("Reminders:Events:Newsletter:Spread", "00:10:00");
        // Tests send clients' webhookUrls to loopback receivers; the tests of the guard itself turn this off.
        builder.UseSetting("Reminders:Delivery:AllowPrivateTargets", "true");
        // Open, and without a rate limit, unless a test's settings configure keys or a limit: most tests are about
        // something else, and their polling would otherwise share one address's budget.
        builder.UseSetting("Reminders:Auth:Disabled", "true");
        builder.UseSetting("Reminders:Auth:RequestsPerSecond", "0");
        if (webhookUrl is not null)
        {
            builder.UseSetting("Reminders:Delivery:WebhookUrl", webhookUrl.ToString());
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(testServices =>
        {
            services?.Invoke(testServices);
            if (logs is not null)
            {
                testServices.AddSingleton(logs);
            }

            if (clock is null)
            {
                return;
            }

            testServices.AddSingleton<TimeProvider>(clock);
            testServices.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            testServices.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, clock);
            testServices.Configure<Orleans.Hosting.ReminderOptions>(o => o.ReminderLoadingWindow = TimeSpan.FromDays(3 * 366));
        });
    }
}
