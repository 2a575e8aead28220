using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Orleans.Configuration;
using Reminders.Grains.DeadLetters;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Silo.Database;

/// <summary>The dead-letter index in <c>reminders_dead_letters</c> (migration 0005), one service's rows.</summary>
public sealed class PostgresDeadLetterIndex(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IDeadLetterIndex
{
    private string ServiceId => cluster.Value.ServiceId;

    public async Task UpsertAsync(DeadLetterEntry entry, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO reminders_dead_letters (service_id, occurrence_key, entity, kind, status, reason, due_utc, closed_utc,
                                                attempts, last_status_code, last_error, last_response_body)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (service_id, occurrence_key) DO UPDATE SET
                entity = excluded.entity, kind = excluded.kind, status = excluded.status, reason = excluded.reason,
                due_utc = excluded.due_utc, closed_utc = excluded.closed_utc, attempts = excluded.attempts,
                last_status_code = excluded.last_status_code, last_error = excluded.last_error,
                last_response_body = excluded.last_response_body
            """);
        command.Parameters.Add(new() { Value = ServiceId });
        command.Parameters.Add(new() { Value = entry.Key });
        command.Parameters.Add(new() { Value = entry.Entity });
        command.Parameters.Add(new() { Value = entry.Kind });
        command.Parameters.Add(new() { Value = StatusName(entry.Status) });
        command.Parameters.Add(new() { Value = (object?)entry.Reason ?? DBNull.Value });
        command.Parameters.Add(new() { Value = entry.Due.ToDateTimeUtc() });
        command.Parameters.Add(new() { Value = entry.ClosedAt.ToDateTimeUtc() });
        command.Parameters.Add(new() { Value = entry.Attempts });
        command.Parameters.Add(new() { Value = (object?)entry.LastStatusCode ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)entry.LastError ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)entry.LastResponseBody ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM reminders_dead_letters WHERE service_id = $1 AND occurrence_key = $2");
        command.Parameters.Add(new() { Value = ServiceId });
        command.Parameters.Add(new() { Value = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT occurrence_key, entity, kind, status, reason, due_utc, closed_utc, attempts, last_status_code, last_error, last_response_body
            FROM reminders_dead_letters
            WHERE service_id = $1 AND status = $2
              AND ($3::text IS NULL OR kind = $3)
              AND ($4::timestamptz IS NULL OR (closed_utc, occurrence_key) < ($4, $5::text))
            ORDER BY closed_utc DESC, occurrence_key DESC
            LIMIT $6
            """);
        command.Parameters.Add(new() { Value = ServiceId });
        command.Parameters.Add(new() { Value = StatusName(query.Status) });
        command.Parameters.Add(new() { Value = (object?)query.Kind ?? DBNull.Value, DataTypeName = "text" });
        command.Parameters.Add(new() { Value = query.After is { } after ? after.ClosedAt.ToDateTimeUtc() : DBNull.Value, DataTypeName = "timestamptz" });
        command.Parameters.Add(new() { Value = query.After is { } afterKey ? afterKey.Key : DBNull.Value, DataTypeName = "text" });
        command.Parameters.Add(new() { Value = query.Limit });

        var entries = new List<DeadLetterEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new DeadLetterEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                query.Status,
                reader.IsDBNull(4) ? null : reader.GetString(4),
                Instant.FromDateTimeUtc(reader.GetDateTime(5)),
                Instant.FromDateTimeUtc(reader.GetDateTime(6)),
                reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return entries;
    }

    private static string StatusName(OccurrenceStatus status) => status switch
    {
        OccurrenceStatus.DeadLettered => "deadLettered",
        OccurrenceStatus.Uncertain => "uncertain",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only dead-lettered and uncertain occurrences are indexed."),
    };
}
