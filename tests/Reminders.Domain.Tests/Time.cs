using NodaTime;
using NodaTime.Text;

namespace Reminders.Domain.Tests;

/// <summary>Reads the literal times the tests are written in, so every expected value shows its offset.</summary>
internal static class Time
{
    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    /// <summary>An instant written in UTC, like <c>2026-12-10T03:15:00Z</c>.</summary>
    public static Instant Utc(string value) => InstantPattern.ExtendedIso.Parse(value).GetValueOrThrow();

    /// <summary>A local date-time with its offset, like <c>2026-12-10T09:00:00+05:45</c>.</summary>
    public static OffsetDateTime At(string value) => OffsetDateTimePattern.ExtendedIso.Parse(value).GetValueOrThrow();

    /// <summary>A wall-clock date-time, like <c>2027-03-14T02:30:00</c>.</summary>
    public static LocalDateTime Local(string value) => LocalDateTimePattern.ExtendedIso.Parse(value).GetValueOrThrow();

    /// <summary>Where <paramref name="instant"/> falls in <paramref name="zone"/>, offset included.</summary>
    public static OffsetDateTime In(Instant instant, DateTimeZone zone) => instant.InZone(zone).ToOffsetDateTime();
}
