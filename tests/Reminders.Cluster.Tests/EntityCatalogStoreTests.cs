using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Reminders.Grains.Catalog;
using Reminders.Silo.Database;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>The catalog table's upsert guard and its bounded, keyset-paged reads, against PostgreSQL.</summary>
public sealed class EntityCatalogStoreTests
{
    [Fact]
    public async Task Upsert_WritesOnlyANewerStateVersionOrChangedContent()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var catalog = Catalog(database);

        Assert.True(await catalog.UpsertAsync(Row("a", storageVersion: 2)));
        Assert.False(await catalog.UpsertAsync(Row("a", storageVersion: 2)));               // the same: no write
        Assert.False(await catalog.UpsertAsync(Row("a", storageVersion: 1, zone: "UTC")));  // older: never wins
        Assert.True(await catalog.UpsertAsync(Row("a", storageVersion: 2, zone: "UTC")));   // same version, new text
        Assert.True(await catalog.UpsertAsync(Row("a", storageVersion: 3, deleted: true))); // newer: a tombstone

        Assert.Empty((await catalog.ListAsync(new EntityCatalogQuery("schedule", 10))).Items);
        Assert.False(await catalog.UpsertAsync(Row("a", storageVersion: 2)));               // cannot bring it back
    }

    [Fact]
    public async Task List_PagesInIdOrder_OnlyLiveRowsOfOneTypeAndService()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var catalog = Catalog(database);
        foreach (var id in new[] { "c3", "c1", "c4", "c2" })
        {
            await catalog.UpsertAsync(Row(id));
        }

        await catalog.UpsertAsync(Row("c0", deleted: true));
        await catalog.UpsertAsync(Row("u1") with { Entity = "user:u1", EntityType = "user" });
        await Catalog(database, "other").UpsertAsync(Row("c9"));

        var first = await catalog.ListAsync(new EntityCatalogQuery("schedule", 3));
        var second = await catalog.ListAsync(new EntityCatalogQuery("schedule", 3, After: first.Next));

        Assert.Equal(["c1", "c2", "c3"], first.Items.Select(i => i.Id));
        Assert.Equal("c3", first.Next);
        Assert.Equal(["c4"], second.Items.Select(i => i.Id));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task List_WithoutAType_HoldsSchedulesAndUsersInOneList_PagedByEntityKey()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var catalog = Catalog(database);
        foreach (var id in new[] { "c2", "c1" })
        {
            await catalog.UpsertAsync(Row(id));
        }

        foreach (var id in new[] { "ada", "bob" })
        {
            await catalog.UpsertAsync(Row(id) with { Entity = $"user:{id}", EntityType = "user", GrainId = $"user/{id}" });
        }

        var first = await catalog.ListAsync(new EntityCatalogQuery(null, 3));
        var second = await catalog.ListAsync(new EntityCatalogQuery(null, 3, After: first.Next));
        var users = await catalog.ListAsync(new EntityCatalogQuery("user", 10));

        Assert.Equal(["schedule c1", "schedule c2", "user ada"], first.Items.Select(i => $"{i.EntityType} {i.Id}"));
        Assert.Equal("user:ada", first.Next);
        Assert.Equal(["user bob"], second.Items.Select(i => $"{i.EntityType} {i.Id}"));
        Assert.Null(second.Next);
        Assert.Equal(["ada", "bob"], users.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task FilteredList_ExaminesAtMostTheScanLimit_AndContinuesWhereItStopped()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var bounded = new PostgresEntityCatalog(database.DataSource, Options.Create(new ClusterOptions { ServiceId = "svc" })) { ScanLimit = 3 };
        foreach (var id in new[] { "c1", "c2", "c3", "c4", "c5", "c6" })
        {
            await bounded.UpsertAsync(Row(id, zone: id == "c5" ? "Europe/Berlin" : "UTC"));
        }

        var query = new EntityCatalogQuery("schedule", 10, Zone: "Europe/Berlin");
        var first = await bounded.ListAsync(query);
        var second = await bounded.ListAsync(query with { After = first.Next });
        var third = await bounded.ListAsync(query with { After = second.Next });

        Assert.Empty(first.Items);
        Assert.Equal("c3", first.Next);
        Assert.Equal(["c5"], second.Items.Select(i => i.Id));
        Assert.Equal("c6", second.Next);
        Assert.Empty(third.Items);
        Assert.Null(third.Next);
    }

    private static PostgresEntityCatalog Catalog(PostgresDatabase database, string serviceId = "svc") =>
        new(database.DataSource, Options.Create(new ClusterOptions { ServiceId = serviceId }));

    private static EntityCatalogRow Row(string id, int storageVersion = 1, string zone = "Europe/London", bool deleted = false) =>
        new($"schedule:{id}", "schedule", id, $"schedule/s-{id}", storageVersion, storageVersion, deleted, ["custom"], zone, false, "every day", id);
}
