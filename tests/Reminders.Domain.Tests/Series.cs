using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
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
            OccurrenceKeys.AnnualSeries(entity, kind),
            kind,
            recurrence,
            local => OccurrenceKeys.Annual(entity, kind, local.Year),
            OccurrenceKeys.AnnualNominal,
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
    public static PlannedOccurrence Next(this IOccurrenceSeries series, Instant from, LocalDateTime? highWater) =>
        series.NextAtOrAfter(from, highWater) ?? throw new InvalidOperationException($"The {series.Kind} series has no occurrence from {from}.");

    /// <summary>No high-water mark: nothing recorded yet.</summary>
    public static LocalDateTime? NoneKnown => null;

    /// <summary>A schedule "dense" firing every five minutes in <paramref name="zone"/>, keyed by local date-time.</summary>
    public static RecurringSeries EveryFiveMinutes(string zone)
    {
        var entity = OccurrenceKeys.ScheduleEntity("dense");
        var recurrence = new ZonedRecurrence(
            new LocalDateTime(2027, 1, 1, 0, 0),
            new RecurrenceRule { Frequency = Frequency.Hourly, ByMinute = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55] },
            [],
            Time.Zone(zone),
            RecurrencePolicies.Default);
        return new RecurringSeries(
            entity,
            EventKinds.Custom,
            recurrence,
            local => OccurrenceKeys.AtLocalTime(entity, local),
            local => local,
            Duration.FromDays(2),
            new OccurrenceDelivery("webhook", null, Ada, "check in", DeliveryGuarantee.AtLeastOnce),
            "test");
    }
}
