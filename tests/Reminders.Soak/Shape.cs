namespace Reminders.Soak;

/// <summary>
/// What an entity's definition makes due, computed here independently of the service: simple rules only, local
/// times turned into instants with the operating system's zone data (<see cref="TimeZoneInfo"/>), not NodaTime's.
/// </summary>
public abstract record Shape
{
    /// <summary>The occurrences of entity <paramref name="id"/> due in [<paramref name="from"/>, <paramref name="until"/>].</summary>
    public abstract IEnumerable<Expected> Between(string id, DateTimeOffset from, DateTimeOffset until);

    /// <summary>A local date-time in <paramref name="zone"/> as an instant; null in a gap or an overlap (never generated in December's zones here).</summary>
    protected static DateTimeOffset? Instant(string zone, DateTime local)
    {
        var info = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (info.IsInvalidTime(unspecified) || info.IsAmbiguousTime(unspecified))
        {
            return null;
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, info), TimeSpan.Zero);
    }

    protected static DateTime Local(string zone, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;
}

/// <summary>An occurrence that a definition makes due.</summary>
public sealed record Expected(string Key, DateTimeOffset Due);
