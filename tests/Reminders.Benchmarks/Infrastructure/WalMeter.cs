using Npgsql;

namespace Reminders.Benchmarks.Infrastructure;

/// <summary>
/// Measures the WAL written from its start to its reading: the server's total, and the part attributable to one
/// database, read back with <c>pg_walinspect</c> (every record of a transaction that changed one of the database's
/// blocks, its commit record included, plus the transactionless records on its blocks, such as pruning). The server
/// is shared (other databases, other people's tests), so only the attributed part is a figure of the system under
/// test. A temporary physical replication slot keeps the window's WAL from being recycled until it is read, and goes
/// with this session even if the harness dies.
/// </summary>
public sealed class WalMeter : IAsyncDisposable
{
    private const string CheckpointsSql = "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter";

    private readonly NpgsqlConnection _connection;
    private string _startLsn = "";
    private long _checkpoints;

    private WalMeter(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Starts measuring now, on a superuser connection to the measured database.</summary>
    public static async Task<WalMeter> StartAsync(string databaseConnectionString)
    {
        // Unpooled, so that closing it ends the session and with it the slot.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(databaseConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var meter = new WalMeter(connection);
        await meter.ScalarAsync<object>("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
        await meter.ScalarAsync<object>("SELECT pg_create_physical_replication_slot('bench_wal_' || pg_backend_pid(), true, true)");
        meter._checkpoints = await meter.ScalarAsync<long>(CheckpointsSql);
        meter._startLsn = await meter.ScalarAsync<string>("SELECT pg_current_wal_flush_lsn()::text");
        return meter;
    }

    /// <summary>What was written since the start, up to now.</summary>
    public async Task<WalReading> ReadAsync()
    {
        var end = await ScalarAsync<string>("SELECT pg_current_wal_flush_lsn()::text");
        var checkpoints = await ScalarAsync<long>(CheckpointsSql) - _checkpoints;
        var server = await ScalarAsync<decimal>($"SELECT pg_wal_lsn_diff('{end}', '{_startLsn}')");
        var oid = await ScalarAsync<uint>("SELECT oid FROM pg_database WHERE datname = current_database()");

        // Both positions come from the server and the oid is a number: nothing here is user text. (CREATE TABLE AS takes no parameters.)
        await ExecuteAsync($"""
            CREATE TEMP TABLE wal_window AS
            WITH r AS (
                SELECT xid::text::bigint AS x, resource_manager || '/' || record_type AS kind, record_length, fpi_length,
                       coalesce(block_ref ~ 'rel [0-9]+/{oid}/', false) AS ours
                FROM pg_get_wal_records_info('{_startLsn}', '{end}'))
            SELECT * FROM r WHERE ours OR x IN (SELECT x FROM r WHERE ours AND x <> 0)
            """);
        var totals = await RowsAsync(
            """
            SELECT coalesce(sum(record_length), 0)::bigint, coalesce(sum(fpi_length), 0)::bigint,
                   coalesce(sum(record_length - fpi_length) FILTER (WHERE x <> 0), 0)::bigint, count(*), count(DISTINCT x) FILTER (WHERE x <> 0)
            FROM wal_window
            """,
            r => (Bytes: r.GetInt64(0), FullPageImages: r.GetInt64(1), Transactional: r.GetInt64(2), Records: r.GetInt64(3), Transactions: r.GetInt64(4)));
        var breakdown = await RowsAsync(
            "SELECT kind, count(*), sum(record_length)::bigint, sum(fpi_length)::bigint FROM wal_window GROUP BY kind ORDER BY 3 DESC LIMIT 10",
            r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
        var (bytes, fullPageImages, transactional, records, transactions) = totals[0];
        return new WalReading((long)server, bytes, fullPageImages, transactional, records, transactions, checkpoints, breakdown);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
