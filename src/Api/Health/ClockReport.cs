using System.Text.Json.Serialization;
using NodaTime;
using Reminders.Api.Users;
using Reminders.Grains.Clock;

namespace Reminders.Api.Health;

/// <summary>
/// The service clock as the health endpoints show it: <c>real</c>, or <c>timeTravel</c> with the instant it
/// started at and its speed, so that nobody mistakes a demo for production.
/// </summary>
public sealed record ClockReport(
    string Mode,
    string Now,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StartAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Speed)
{
    public static ClockReport Of(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock is TravellingTimeProvider travelling
            ? new("timeTravel", Format(travelling.GetUtcNow()), Format(travelling.StartAt), travelling.Speed)
            : new("real", Format(clock.GetUtcNow()), null, null);
    }

    private static string Format(DateTimeOffset value) => ApiFormats.Instant(Instant.FromDateTimeOffset(value));
}
