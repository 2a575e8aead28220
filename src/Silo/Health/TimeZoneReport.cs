using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Clock;

namespace Reminders.Silo.Health;

/// <summary>
/// The zone database the service computes with, as health shows it: its version (such as
/// <c>TZDB: 2025b (mapping: ...)</c>) and where it came from (<c>built-in</c> or the configured file's path),
/// so an operator can see that a newer database was picked up.
/// </summary>
public sealed record TimeZoneReport(string Version, string Source)
{
    public static TimeZoneReport Of(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var zones = services.GetRequiredService<IDateTimeZoneProvider>();
        var options = services.GetRequiredService<IOptions<TimeZoneOptions>>().Value;
        return new(zones.VersionId, TimeZoneDatabase.SourceOf(options));
    }
}
