using NodaTime;
using Reminders.Api.Users;
using Reminders.Grains.Catalog;

namespace Reminders.Api.Catalog;

/// <summary>
/// One listed user or schedule. <c>nextDueUtc</c> is when it next wakes (a past instant means it is being handled
/// or overdue), <c>nextDueLocal</c> the same in its own zone; both null when nothing is left to deliver.
/// </summary>
public sealed record CatalogEntryResponse(
    string Kind,
    string Id,
    IReadOnlyList<string> EventKinds,
    string Timezone,
    bool Paused,
    string Rule,
    string? NextDueUtc,
    string? NextDueLocal,
    int DeadLetters,
    int Version)
{
    public static CatalogEntryResponse From(EntityCatalogEntry entry, IDateTimeZoneProvider zones) => new(
        entry.EntityType,
        entry.Id,
        entry.EventKinds,
        entry.Zone,
        entry.Paused,
        entry.Rule,
        entry.NextDue is { } due ? ApiFormats.Instant(due) : null,
        entry.NextDue is { } local && zones.GetZoneOrNull(entry.Zone) is { } zone ? ApiFormats.LocalDateTime(local.InZone(zone).LocalDateTime) : null,
        entry.DeadLetters,
        entry.Version);
}

/// <summary>A page of users or schedules; <c>next</c> is the <c>after</c> of the following page, null at the end.</summary>
public sealed record CatalogPageResponse(IReadOnlyList<CatalogEntryResponse> Items, string? Next);
