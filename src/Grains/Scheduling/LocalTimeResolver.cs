using NodaTime;
using NodaTime.TimeZones;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// The one rule that turns a wall-clock time into an instant, used everywhere: in a DST gap the time is
/// shifted forward by the length of the gap (02:30 on a spring-forward night becomes 03:30); in an
/// overlap the earlier of the two instants is taken.
/// </summary>
public static class LocalTimeResolver
{
    /// <summary>Resolves <paramref name="local"/> in <paramref name="zone"/> by the rule above.</summary>
    public static ZonedDateTime Resolve(LocalDateTime local, DateTimeZone zone) =>
        zone.ResolveLocal(local, Resolvers.LenientResolver);

    /// <summary>The instant at which <paramref name="local"/> happens in <paramref name="zone"/>.</summary>
    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone) => Resolve(local, zone).ToInstant();
}
