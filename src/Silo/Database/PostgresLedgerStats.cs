using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Orleans.Configuration;

namespace Reminders.Silo.Database;

/// <summary>
/// Figures of the ledger table for the stats endpoint and the console's overview: outcomes of recent occurrences,
/// lateness of recent deliveries, and how many occurrences wait for an operator. Read-only, no index of its own.
/// </summary>
public sealed class PostgresLedgerStats(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster)
{
    /// <summary>
    /// How far back in due time the outcome and lateness figures look for rows that closed in their window. The
    /// ledger has no index on the closing instant (each would cost every delivery a write), so the due-time index
    /// bounds the scan: an occurrence due longer ago than this that closed recently (a late manual retry) is not counted.
    /// </summary>
    public static readonly Duration DueLookBack = Duration.FromDays(7);

    // One round trip: outcomes per window, lateness percentiles over the last hour's deliveries, and the operator's queue.
    private const string Sql = """
        SELECT status,
               count(*) FILTER (WHERE closed_utc >= $3)::bigint AS hour,
               count(*)::bigint AS day
          FROM reminders_occurrences
         WHERE service_id = $1 AND due_utc >= $2 AND closed_utc >= $4 AND closed_utc <= $5
         GROUP BY status;
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_utc - due_utc)),
               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_utc - due_utc)),
               count(*)::bigint
          FROM reminders_occurrences
         WHERE service_id = $1 AND due_utc >= $2 AND status = 'delivered' AND delivered_utc >= $3 AND delivered_utc <= $4;
        SELECT status, count(*)::bigint
          FROM reminders_occurrences
         WHERE service_id = $1 AND status IN ('deadLettered', 'uncertain')
         GROUP BY status;
        """;

    /// <summary>The ledger's figures as of <paramref name="now"/>.</summary>
    public async Task<LedgerFigures> ReadAsync(Instant now, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var statement in Sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var command = new NpgsqlBatchCommand(statement);
            command.Parameters.Add(OccurrenceRows.Text(cluster.Value.ServiceId));
            if (statement.Contains("$5", StringComparison.Ordinal))
            {
                command.Parameters.Add(OccurrenceRows.Utc(now - DueLookBack - Duration.FromDays(1)));
                command.Parameters.Add(OccurrenceRows.Utc(now - Duration.FromHours(1)));
                command.Parameters.Add(OccurrenceRows.Utc(now - Duration.FromDays(1)));
                command.Parameters.Add(OccurrenceRows.Utc(now));
            }
            else if (statement.Contains("$4", StringComparison.Ordinal))
            {
                command.Parameters.Add(OccurrenceRows.Utc(now - DueLookBack - Duration.FromHours(1)));
                command.Parameters.Add(OccurrenceRows.Utc(now - Duration.FromHours(1)));
                command.Parameters.Add(OccurrenceRows.Utc(now));
            }

            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var hour = new Dictionary<string, long>();
        var day = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hour[reader.GetString(0)] = reader.GetInt64(1);
            day[reader.GetString(0)] = reader.GetInt64(2);
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var p50 = reader.IsDBNull(0) ? (double?)null : reader.GetDouble(0);
        var p99 = reader.IsDBNull(1) ? (double?)null : reader.GetDouble(1);
        var delivered = reader.GetInt64(2);

        await reader.NextResultAsync(cancellationToken);
        var waiting = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            waiting[reader.GetString(0)] = reader.GetInt64(1);
        }

        return new LedgerFigures(
            hour,
            day,
            p50 is { } a ? Duration.FromSeconds(a) : null,
            p99 is { } b ? Duration.FromSeconds(b) : null,
            delivered,
            waiting.GetValueOrDefault("deadLettered"),
            waiting.GetValueOrDefault("uncertain"));
    }
}
