using Reminders.Api.Validation;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Admin;

/// <summary>An entity as the console addresses it: <c>/admin/schedules/{id}</c> or <c>/admin/users/{id}</c>.</summary>
public sealed record EntityRef(bool IsSchedule, string Id)
{
    public const string Schedules = "schedules";
    public const string Users = "users";

    /// <summary>The ledger's and audit log's name for it: <c>schedule:standup</c> or <c>user:ada</c>.</summary>
    public string Key => IsSchedule ? OccurrenceKeys.ScheduleEntity(Id) : OccurrenceKeys.UserEntity(Id);

    public string Path => $"/admin/{(IsSchedule ? Schedules : Users)}/{Uri.EscapeDataString(Id)}";

    /// <summary>From the route's collection and id; null for anything else, or an id the API would refuse.</summary>
    public static EntityRef? From(string? collection, string? id) =>
        id is not null && EntityIds.IsValid(id) && collection is Schedules or Users ? new(collection == Schedules, id) : null;

    /// <summary>From <c>schedule:&lt;id&gt;</c> or <c>user:&lt;id&gt;</c> (an entity key, or the start of an occurrence key).</summary>
    public static EntityRef? FromKey(string key)
    {
        var parts = key.Split(':');
        return parts.Length >= 2 && EntityIds.IsValid(parts[1]) && parts[0] is OccurrenceKeys.SchedulePrefix or OccurrenceKeys.UserPrefix
            ? new(parts[0] == OccurrenceKeys.SchedulePrefix, parts[1])
            : null;
    }
}
