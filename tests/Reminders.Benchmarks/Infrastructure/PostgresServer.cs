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
