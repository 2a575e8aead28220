using NodaTime;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>Builds zoned recurrences from the strings the tests are written in.</summary>
internal static class Recurrences
{
    public static ZonedRecurrence Of(
        string zone,
        string start,
        string? rule,
        InvalidDatePolicy invalidDate = InvalidDatePolicy.Omit,
        DstGapPolicy dstGap = DstGapPolicy.ShiftForward,
        DstOverlapPolicy dstOverlap = DstOverlapPolicy.Earlier,
        params string[] exDates) =>
        new(
            Time.Local(start),
            rule is null ? null : RecurrenceRuleParser.Parse(rule),
            exDates.Select(Time.Local),
            Time.Zone(zone),
            new RecurrencePolicies(invalidDate, dstGap, dstOverlap));

    /// <summary>The first <paramref name="count"/> instances from start, as offset date-times.</summary>
    public static IReadOnlyList<OffsetDateTime> First(this ZonedRecurrence recurrence, int count) =>
        [.. recurrence.FromStart().Take(count).Select(i => i.Due.InZone(recurrence.Zone).ToOffsetDateTime())];

    public static IEnumerable<ScheduledInstance> FromStart(this ZonedRecurrence recurrence) =>
        recurrence.From(Instant.FromUtc(1900, 1, 1, 0, 0));

    /// <summary>The local dates of the first <paramref name="count"/> instances, written YYYY-MM-DD.</summary>
    public static IReadOnlyList<string> Dates(this ZonedRecurrence recurrence, int count) =>
        [.. recurrence.FromStart().Take(count).Select(i => i.Local.Date.ToString("uuuu-MM-dd", null))];
}
