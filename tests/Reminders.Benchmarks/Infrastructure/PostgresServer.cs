using Npgsql;

namespace Reminders.Benchmarks.Infrastructure;

/// <summary>The PostgreSQL server every system under test shares: one fresh database per system and scenario.</summary>
public sealed class PostgresServer(string adminConnectionString)
{
    public string AdminConnectionString => adminConnectionString;

    /// <summary>Drops and creates <paramref name="database"/>; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string database)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE {database}");
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
    }

    public Task DropDatabaseAsync(string database) => ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");

    /// <summary>Committed transactions in <paramref name="database"/> so far (after the statistics collector has flushed).</summary>
    public async Task<long> CommitsAsync(string database)
    {
        // Busy backends report their counters at most once a second, idle ones within ten (PostgreSQL 15's
        // PGSTAT_IDLE_INTERVAL): wait that out so the reading is complete.
        await Task.Delay(TimeSpan.FromSeconds(11));
        return await ScalarAsync<long>($"SELECT xact_commit FROM pg_stat_database WHERE datname = '{database}'");
    }

    public Task<long> SizeAsync(string database) => ScalarAsync<long>($"SELECT pg_database_size('{database}')");

    /// <summary>Vacuums every table of <paramref name="database"/> now, as autovacuum does between bursts of changes.</summary>
    public async Task VacuumAsync(string database)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("VACUUM", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Writes every dirty page out now, so that the next change of any page logs its full image, as after any checkpoint.</summary>
    public Task CheckpointAsync() => ExecuteAsync("CHECKPOINT");

    /// <summary>
    /// The average size of the Orleans grain-state rows' payload in <paramref name="database"/>: as serialized, and as
    /// stored (after TOAST compression); null when it has none. Orleans' own storage table, not our grains' format.
    /// </summary>
    public async Task<(double Serialized, double Stored)?> GrainStateBytesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT avg(octet_length(payloadbinary))::float8, avg(pg_column_size(payloadbinary))::float8 FROM orleansstorage WHERE payloadbinary IS NOT NULL",
            connection);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() && !reader.IsDBNull(0) ? (reader.GetDouble(0), reader.GetDouble(1)) : null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
