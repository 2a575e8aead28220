using Microsoft.Extensions.Logging.Abstractions;
using Reminders.Silo.Database;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>The schema migrator and the guarantees the schema adds over the upstream Orleans layout.</summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task Migrate_FromManySilosAtOnce_AppliesEachScriptExactlyOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync(migrate: false);

        var applied = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            new SchemaMigrator(database.DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None)));

        Assert.Equal(Migration.All.Count, applied.Sum(a => a.Count));
        Assert.Equal(1, applied.Count(a => a.Count > 0));
        Assert.Equal((long)Migration.All.Count, await database.ScalarAsync<long>("SELECT count(*) FROM reminders_schema_version"));
    }

    [Fact]
    public async Task Migrate_OnAnUpToDateSchema_ChangesNothing()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        var applied = await new SchemaMigrator(database.DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Empty(applied);
        Assert.Equal(
            ["orleans_query", "orleans_clustering", "orleans_persistence", "orleans_reminders", "dead_letters", "occurrence_ledger", "overdue_reminders_index", "occurrence_target_origin", "audit_log", "entity_catalog", "occurrence_planned", "occurrence_attempt_log", "occurrence_claim_lease", "business_calendars", "entity_trigger_settings"],
            Migration.All.Select(m => m.Name));
    }

    [Fact]
    public async Task Migrate_RegistersEveryQueryTheOrleansProvidersRequire()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        string[] required =
        [
            "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
            "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
            "CleanupDefunctSiloEntriesKey", "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
            "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];

        var missing = new List<string>();
        foreach (var key in required)
        {
            if (await database.ScalarAsync<long>("SELECT count(*) FROM orleansquery WHERE querykey = @key", ("key", key)) != 1)
            {
                missing.Add(key);
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task StorageWrite_TwoFirstWritesOfOneGrain_OnlyOneInserts()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        // Both callers believe the row does not exist yet (null expected version), as two racing activations would.
        var first = await FirstWriteAsync(database);
        var second = await FirstWriteAsync(database);

        Assert.Equal((1, (int?)null), (first, second));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM orleansstorage"));
    }

    [Fact]
    public async Task ReminderRangeReads_UseTheGrainHashIndex()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        var plan = await database.ScalarAsync<string>(
            "SELECT string_agg(indexdef, ' ') FROM pg_indexes WHERE tablename = 'orleansreminderstable'");

        Assert.Contains("(serviceid, grainhash)", plan);
    }

    private static async Task<int?> FirstWriteAsync(PostgresDatabase database)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT orleans_storage_write(7, 0, 0, 11, 'user', 'u-ada', 'svc', NULL, '\\x00'::bytea)");
        return await command.ExecuteScalarAsync() is int version ? version : null;
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=x", true)]
    [InlineData("Host=127.0.0.1;Database=x;No Reset On Close=false", false)]
    [InlineData("Host=127.0.0.1;Database=x;NoResetOnClose=false", false)]
    public void DataSource_SkipsTheConnectionReset_UnlessTheConnectionStringSaysOtherwise(string connectionString, bool expected)
    {
        using var dataSource = RemindersDataSource.Create(connectionString);

        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(dataSource.ConnectionString).NoResetOnClose);
    }
}
