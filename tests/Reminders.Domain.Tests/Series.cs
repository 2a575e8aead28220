using NodaTime;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;
using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests;

/// <summary>Builds the yearly series the tests schedule, as users' events are built: user "ada", 09:00 local unless told otherwise.</summary>
internal static class Series
{
    private static readonly Dictionary<string, string> Ada = new() { ["firstName"] = "Ada", ["lastName"] = "Lovelace", ["email"] = "ada@example.com" };

    public static RecurringSeries Annual(
        string kind,
        string zone,
        int month,
        int day,
        int hour = 9,
        int minute = 0,
        Duration? catchUpWindow = null)
    {
        var entity = OccurrenceKeys.UserEntity("ada");
        var recurrence = new ZonedRecurrence(
            new LocalDateTime(4, month, day, hour, minute),
            new RecurrenceRule { Frequency = Frequency.Yearly },
            [],
            Time.Zone(zone),
            RecurrencePolicies.Default with { InvalidDate = InvalidDatePolicy.Backward });
        return new RecurringSeries(
            kind,
            recurrence,
            local => OccurrenceKeys.Annual(entity, kind, local.Year),
            catchUpWindow ?? Duration.FromDays(2),
            new OccurrenceDelivery("webhook", null, Ada, $"Hey, Ada Lovelace ({kind})", DeliveryGuarantee.AtLeastOnce),
            "test");
    }

    /// <summary>The occurrence that belongs to <paramref name="year"/> (the first from a day before it starts).</summary>
    public static PlannedOccurrence InYear(this RecurringSeries series, int year) =>
        series.Next(new LocalDate(year, 1, 1).AtStartOfDayInZone(series.Recurrence.Zone).ToInstant() - Duration.FromDays(1), NoneKnown) is { } found && found.LocalTime.Year == year
            ? found
            : series.Next(new LocalDate(year, 1, 1).AtStartOfDayInZone(series.Recurrence.Zone).ToInstant(), NoneKnown);

    /// <summary>The next occurrence of a series the test knows has one.</summary>
    public static PlannedOccurrence Next(this IOccurrenceSeries series, Instant from, Func<string, bool> isKnown) =>
        series.NextAtOrAfter(from, isKnown) ?? throw new InvalidOperationException($"The {series.Kind} series has no occurrence from {from}.");

    public static bool NoneKnown(string key) => false;
}
