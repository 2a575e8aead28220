using System.Globalization;
using NodaTime;
using Reminders.Api.Users;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Api.Admin;

/// <summary>How the console writes times, durations and what policies did to an occurrence.</summary>
public static class Formats
{
    public static string Utc(Instant instant) => ApiFormats.Instant(instant);

    public static string Utc(DateTimeOffset instant) => Utc(Instant.FromDateTimeOffset(instant));

    public static string Utc(Instant? instant) => instant is { } i ? Utc(i) : "";

    public static string Local(LocalDateTime local) => ApiFormats.LocalDateTime(local);

    /// <summary>The instant as a wall clock in the zone, with its offset: <c>2027-03-14T03:30:00-04</c>.</summary>
    public static string LocalAt(Instant instant, DateTimeZone zone) =>
        NodaTime.Text.ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss o<+HH:mm>", null).Format(instant.InZone(zone));

    public static string Duration(Duration? duration) => duration switch
    {
        null => "–",
        { TotalSeconds: < 1 } d => Invariant($"{d.TotalMilliseconds:0} ms"),
        { TotalMinutes: < 1 } d => Invariant($"{d.TotalSeconds:0.#} s"),
        { TotalHours: < 1 } d => Invariant($"{d.TotalMinutes:0.#} min"),
        { } d => Invariant($"{d.TotalHours:0.#} h"),
    };

    /// <summary>Each adjustment by its wire name and in words, for the badges that mark shifted occurrences.</summary>
    public static IEnumerable<(string Name, string Words)> Adjustments(OccurrenceAdjustments adjustments) =>
        AdjustmentNames.Of(adjustments).Select(name => (name, name switch
        {
            "dstGapShifted" => "DST gap: shifted forward",
            "dstOverlapEarlier" => "DST overlap: earlier instant",
            "dstOverlapLater" => "DST overlap: later instant",
            "invalidDateBackward" => "no such day: moved back",
            "invalidDateForward" => "no such day: moved forward",
            _ => name,
        }));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Status(OccurrenceStatus status) => OccurrenceStatusNames.Of(status);
}
