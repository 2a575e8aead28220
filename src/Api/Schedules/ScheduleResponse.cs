using Reminders.Api.Users;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Api.Schedules;

/// <summary>The schedule representation: local date-times without offsets, policies by name, durations in ISO 8601.</summary>
public sealed record ScheduleResponse(
    string Id,
    string Kind,
    string Timezone,
    string Start,
    string? Rrule,
    IReadOnlyList<string> Rdates,
    IReadOnlyList<string> Exdates,
    IReadOnlyDictionary<string, string> Recipient,
    string? Message,
    string? WebhookUrl,
    PolicyResponse Policy,
    IReadOnlyList<AlarmResponse> Alarms,
    string? Calendar,
    bool Paused,
    int Version,
    IReadOnlyList<UpcomingResponse> Upcoming)
{
    public static ScheduleResponse From(ScheduleView schedule)
    {
        var definition = schedule.Definition;
        return new(
            schedule.Id,
            definition.Kind,
            definition.TimeZone,
            ApiFormats.LocalDateTime(definition.Start),
            definition.Rule,
            [.. definition.ExtraDates.Select(ApiFormats.LocalDateTime)],
            [.. definition.ExDates.Select(ApiFormats.LocalDateTime)],
            definition.Recipient,
            definition.Message,
            definition.WebhookUrl?.ToString(),
            PolicyResponse.From(definition.Policy),
            [.. definition.AlarmList.Select(AlarmResponse.From)],
            definition.Calendar,
            schedule.Paused,
            schedule.Version,
            [.. schedule.Upcoming.Select(UpcomingResponse.From)]);
    }
}

public sealed record PolicyResponse(string InvalidDate, string DstGap, string DstOverlap, string CatchUpWindow, string Guarantee, string? Spread, string? OnExcluded)
{
    public static PolicyResponse From(SchedulePolicy policy) => new(
        PolicyNames.Name(policy.InvalidDate),
        PolicyNames.Name(policy.DstGap),
        PolicyNames.Name(policy.DstOverlap),
        PolicyNames.Duration(policy.CatchUpWindow),
        PolicyNames.Name(policy.Guarantee),
        policy.Spread is { } spread ? PolicyNames.Duration(spread) : null,
        policy.OnExcluded is { } onExcluded ? PolicyNames.Name(onExcluded) : null);
}
