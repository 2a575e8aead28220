using Reminders.Api.Users;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Api.Schedules;

/// <summary>Occurrences to come, for <c>upcoming</c> and <c>preview</c>: <c>{"items": [{"key", "localTime", "dueUtc", "adjustments"}]}</c>.</summary>
public sealed record PreviewResponse(IReadOnlyList<PreviewItem> Items)
{
    public static PreviewResponse From(IEnumerable<UpcomingOccurrence> occurrences) =>
        new([.. occurrences.Select(o => new PreviewItem(o.Key, ApiFormats.LocalDateTime(o.LocalTime), ApiFormats.Instant(o.DueUtc), AdjustmentNames.Of(o.Adjustments)))]);
}

public sealed record PreviewItem(string Key, string LocalTime, string DueUtc, IReadOnlyList<string> Adjustments);
