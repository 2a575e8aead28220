namespace Reminders.Grains.Catalog;

/// <summary>The queryable index of users and schedules that the API's lists and the console read.</summary>
public interface IEntityCatalog
{
    /// <summary>Users or schedules matching <paramref name="query"/>, in id order.</summary>
    Task<EntityCatalogPage> ListAsync(EntityCatalogQuery query, CancellationToken cancellationToken = default);
}
