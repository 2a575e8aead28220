namespace Reminders.Grains.Catalog;

/// <summary>
/// What an entity grain writes about itself to the catalog after each state write and on activation.
/// <paramref name="StorageVersion"/> is the grain-state row's version (its ETag), which only grows: a write
/// carrying an older one never replaces a newer row, so a late or duplicate activation cannot roll it back.
/// </summary>
/// <param name="Entity">user:&lt;id&gt; or schedule:&lt;id&gt;, as in occurrence keys.</param>
/// <param name="GrainId">The grain id as the reminder table stores it, to find the entity's next wake.</param>
/// <param name="Deleted">True for a deleted entity's tombstone: kept so an older write cannot bring it back, never listed.</param>
/// <param name="SearchText">Lower-cased id, names and rule, which <c>q</c> matches by substring.</param>
/// <param name="TriggerSettings">
/// The <see cref="Entities.TriggerSettings"/> stamp under which the entity's armed trigger was confirmed current, or
/// null when it was not (it re-arms on its next activation): the re-arm sweep activates entities whose stamp differs.
/// </param>
public sealed record EntityCatalogRow(
    string Entity,
    string EntityType,
    string Id,
    string GrainId,
    int StorageVersion,
    int Version,
    bool Deleted,
    IReadOnlyList<string> EventKinds,
    string Zone,
    bool Paused,
    string Rule,
    string SearchText,
    string? TriggerSettings = null);
