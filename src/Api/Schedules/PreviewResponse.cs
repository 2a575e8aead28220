using System.Text.Json.Serialization;
using Reminders.Api.Users;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Api.Schedules;

/// <summary>
/// Occurrences to come, for <c>upcoming</c> and <c>preview</c>: <c>{"items": [{"key", "localTime", "dueUtc", "plannedUtc", "adjustments"}]}</c>;
/// <c>plannedUtc</c> is when it is sent, <c>dueUtc</c> plus its spread offset (the same as <c>dueUtc</c> without <c>policy.spread</c>);
/// an alarm also has <c>alarm</c>: <c>{"occurrence", "offset"}</c>.
/// When a business calendar moved it (adjustment <c>excludedMoved</c>), <c>plannedUtc</c> is the moved instant and
/// <c>movedLocalTime</c> its local date-time; <c>localTime</c> and <c>key</c> stay the nominal ones, and so does
/// <c>dueUtc</c> for a move to a later day (recorded then, it waits as a spread one does), while a move to an earlier
/// day is due at the moved instant.
/// </summary>
public sealed record PreviewResponse(IReadOnlyList<PreviewItem> Items)
{
    public static PreviewResponse From(IEnumerable<UpcomingOccurrence> occurrences) =>
        new([.. occurrences.Select(o => new PreviewItem(o.Key, ApiFormats.LocalDateTime(o.LocalTime), ApiFormats.Instant(o.DueUtc), ApiFormats.Instant(o.Planned), AdjustmentNames.Of(o.Adjustments),
            o.MovedTo is { } moved ? ApiFormats.LocalDateTime(moved) : null, AlarmOfResponse.Of(o.Key)))]);
}

public sealed record PreviewItem(
    string Key,
    string LocalTime,
    string DueUtc,
    string PlannedUtc,
    IReadOnlyList<string> Adjustments,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MovedLocalTime = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AlarmOfResponse? Alarm = null);
