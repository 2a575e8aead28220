namespace Reminders.Grains.Catalog;

/// <summary>
/// One page of the catalog. <paramref name="Next"/> is the id to continue after, or null at the end. A filtered
/// page may hold fewer than the limit and still have a next: each read examines a bounded number of entities.
/// </summary>
public sealed record EntityCatalogPage(IReadOnlyList<EntityCatalogEntry> Items, string? Next);
