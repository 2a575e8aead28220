using NodaTime;

namespace Reminders.Grains.Catalog;

/// <summary>
/// A page of users or schedules in id order after <paramref name="After"/> (an id), or, with no
/// <paramref name="EntityType"/>, of both in entity-key order (schedules first) after <paramref name="After"/> (an
/// entity key such as <c>user:ada</c>). Every filter is optional; <paramref name="Text"/> matches the id, names and
/// rule by case-insensitive substring.
/// </summary>
public sealed record EntityCatalogQuery(
    string? EntityType,
    int Limit,
    string? After = null,
    string? Text = null,
    string? EventKind = null,
    string? Zone = null,
    bool? Paused = null,
    Instant? DueFrom = null,
    Instant? DueTo = null,
    bool? HasDeadLetters = null)
{
    public bool IsFiltered =>
        Text is not null || EventKind is not null || Zone is not null || Paused is not null || DueFrom is not null || DueTo is not null || HasDeadLetters is not null;
}
