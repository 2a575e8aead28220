using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Reminders.Silo.Audit;

namespace Reminders.Silo.Database;

/// <summary>The audit table <c>reminders_audit_log</c> (migration 0009), one service's rows.</summary>
public sealed class PostgresAuditLog(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster)
{
    private const string InsertSql =
        "INSERT INTO reminders_audit_log (service_id, at_utc, actor, action, entity, occurrence_key, reason) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7)";

    private const string Columns = "id, at_utc, actor, action, entity, occurrence_key, reason";

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(OccurrenceRows.Text(cluster.Value.ServiceId));
        command.Parameters.Add(OccurrenceRows.Utc(entry.At));
        command.Parameters.Add(OccurrenceRows.Text(entry.Actor));
        command.Parameters.Add(OccurrenceRows.Text(entry.Action));
        command.Parameters.Add(OccurrenceRows.Text(entry.Entity));
        command.Parameters.Add(OccurrenceRows.Text(entry.OccurrenceKey));
        command.Parameters.Add(OccurrenceRows.Text(entry.Reason));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Newest first: at most <paramref name="limit"/> entries, of one entity if given, after a previous page's last (instant, id).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? entity, (Instant At, long Id)? after, int limit, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {Columns} FROM reminders_audit_log WHERE service_id = $1" +
            (entity is null ? "" : " AND entity = $2") +
            (after is null ? "" : entity is null ? " AND (at_utc, id) < ($2, $3)" : " AND (at_utc, id) < ($3, $4)") +
            " ORDER BY at_utc DESC, id DESC LIMIT " + limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(OccurrenceRows.Text(cluster.Value.ServiceId));
        if (entity is not null)
        {
            command.Parameters.Add(OccurrenceRows.Text(entity));
        }

        if (after is { } position)
        {
            command.Parameters.Add(OccurrenceRows.Utc(position.At));
            command.Parameters.Add(new NpgsqlParameter { Value = position.Id, NpgsqlDbType = NpgsqlDbType.Bigint });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                Instant.FromDateTimeUtc(reader.GetDateTime(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6))
            { Id = reader.GetInt64(0) });
        }

        return entries;
    }
}
