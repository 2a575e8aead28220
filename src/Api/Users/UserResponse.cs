using System.Text.Json.Serialization;
using Reminders.Api.Schedules;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Users;

namespace Reminders.Api.Users;

/// <summary>The user representation: dates as ISO strings, <c>dueUtc</c> as UTC ending in Z.</summary>
public sealed record UserResponse(
    string Id,
    string FirstName,
    string LastName,
    string Email,
    string Birthday,
    string? Anniversary,
    string Timezone,
    int Version,
    IReadOnlyList<UpcomingResponse> Upcoming)
{
    public static UserResponse From(UserView user) => new(
        user.Id,
        user.Definition.FirstName,
        user.Definition.LastName,
        user.Definition.Email,
        ApiFormats.Date(user.Definition.Birthday),
        user.Definition.Anniversary is { } anniversary ? ApiFormats.Date(anniversary) : null,
        user.Definition.TimeZone,
        user.Version,
        [.. user.Upcoming.Select(UpcomingResponse.From)]);
}

/// <summary>An occurrence to come; <c>movedLocalTime</c> only when a business calendar moved it (see PreviewResponse).</summary>
/// <remarks><c>alarm</c> is present only on a schedule's alarm: which occurrence it is for, and its offset.</remarks>
public sealed record UpcomingResponse(
    string Kind,
    string Key,
    string LocalTime,
    string DueUtc,
    string PlannedUtc,
    IReadOnlyList<string> Adjustments,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MovedLocalTime = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AlarmOfResponse? Alarm = null)
{
    public static UpcomingResponse From(UpcomingOccurrence o) =>
        new(o.Kind, o.Key, ApiFormats.LocalDateTime(o.LocalTime), ApiFormats.Instant(o.DueUtc), ApiFormats.Instant(o.Planned), AdjustmentNames.Of(o.Adjustments),
            o.MovedTo is { } moved ? ApiFormats.LocalDateTime(moved) : null, AlarmOfResponse.Of(o.Key));
}
