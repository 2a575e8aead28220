namespace Reminders.Grains.Catalog;

/// <summary>How an entity grain keeps its catalog row in step with its state.</summary>
public interface IEntityCatalogWriter
{
    /// <summary>
    /// Writes the row unless the stored one has a newer storage version, or the same one with the same content
    /// (then nothing is written). Returns whether a row was written.
    /// </summary>
    Task<bool> UpsertAsync(EntityCatalogRow row, CancellationToken cancellationToken = default);
}
