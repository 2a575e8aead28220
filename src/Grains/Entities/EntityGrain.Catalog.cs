using System.Globalization;
using Reminders.Grains.Catalog;

namespace Reminders.Grains.Entities;

// The entity's row in the catalog (the queryable index of users and schedules): written after every state write
// and on activation, never per delivery. The next due time is not in the row: it is the reminder's start time,
// which the dispatch loop keeps current anyway.
public abstract partial class EntityGrain<TDefinition, TState>
{
    /// <summary>What the catalog shows of a definition: event kinds, zone, the rule in words, and what <c>q</c> searches besides the id.</summary>
    protected abstract (IReadOnlyList<string> EventKinds, string Zone, string Rule, IEnumerable<string> SearchTerms) Describe(TDefinition definition);

    public Task RefreshCatalogAsync() => SyncCatalogAsync();

    /// <summary>
    /// Upserts this entity's catalog row, stamped with the state row's version. A failure is logged, not thrown:
    /// the state write it follows has happened, and the repair sweep finds rows older than their state.
    /// </summary>
    private async Task SyncCatalogAsync()
    {
        if (!state.RecordExists || !int.TryParse(state.Etag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var storageVersion))
        {
            return;
        }

        try
        {
            await services.Catalog.UpsertAsync(CatalogRow(storageVersion));
        }
        catch (Exception ex)
        {
            LogCatalogWriteFailed(logger, ex, EntityKey);
        }
    }

    private EntityCatalogRow CatalogRow(int storageVersion)
    {
        var separator = EntityKey.IndexOf(':', StringComparison.Ordinal);
        var (type, id) = (EntityKey[..separator], EntityKey[(separator + 1)..]);
        var grainId = this.GetGrainId().ToString();
        if (State.Definition is not { } definition)
        {
            return new EntityCatalogRow(EntityKey, type, id, grainId, storageVersion, State.Version, Deleted: true, [], "", Paused: false, "", "");
        }

        var (kinds, zone, rule, terms) = Describe(definition);
        var search = string.Join(' ', new[] { id, string.Join(' ', kinds), zone, rule }.Concat(terms)).ToLowerInvariant();
        // Stamped only when the armed trigger is current under this silo's settings; otherwise the sweep must come by.
        var settings = State.ComputedWith == ComputedWith(definition) ? services.TriggerSettings.Current : null;
        return new EntityCatalogRow(EntityKey, type, id, grainId, storageVersion, State.Version, Deleted: false, kinds, zone, IsPaused, rule, search, settings);
    }
}
