using Microsoft.Extensions.Logging;
using Npgsql;

namespace Reminders.Silo.Database;

/// <summary>
/// Creates or upgrades the schema: the Orleans ADO.NET tables, functions and queries, plus our own.
/// Every pending script runs in one transaction under an advisory lock, so silos starting at once
/// apply each script exactly once and a failed upgrade leaves nothing half-done.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // An arbitrary constant that names this lock among the database's advisory locks ("REMI").
    private const long AdvisoryLockKey = 0x52454D49;

    /// <summary>Applies every pending migration (or those up to <paramref name="upToVersion"/>, to stage an older schema); returns those applied.</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken, int? upToVersion = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS reminders_schema_version (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        var pending = new List<Migration>();
        foreach (var migration in Migration.All.Where(m => m.Version <= (upToVersion ?? int.MaxValue)))
        {
            if (applied.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    LogChecksumMismatch(logger, migration.Version, migration.Name);
                }

                continue;
            }

            await ExecuteAsync(connection, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO reminders_schema_version (version, name, checksum) VALUES (@version, @name, @checksum)", connection);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
            pending.Add(migration);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var migration in pending)
        {
            LogApplied(logger, migration.Version, migration.Name);
        }

        LogUpToDate(logger, Migration.All.Count == 0 ? 0 : Migration.All[^1].Version, pending.Count);
        return pending;
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM reminders_schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Applied schema migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);

    [LoggerMessage(2, LogLevel.Information, "Schema is at version {Version} ({Applied} migrations applied now)")]
    private static partial void LogUpToDate(ILogger logger, int version, int applied);

    [LoggerMessage(3, LogLevel.Warning, "Schema migration {Version} ({Name}) was changed after it was applied; the database keeps the applied version")]
    private static partial void LogChecksumMismatch(ILogger logger, int version, string name);
}
