using System.Text;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;

namespace Reminders.Silo.Database;

/// <summary>The ledger table <c>reminders_occurrences</c> (migration 0006), one service's rows.</summary>
/// <remarks>
/// The entity's own writes and its activation read open their connection through <see cref="DatabaseConnections"/>,
/// so a connect that fails before anything is sent is retried rather than abandoning the activation.
/// Inserts and updates go through <paramref name="batches"/>, when given and enabled, to share transactions with
/// other grains' writes; their SQL and semantics are the same either way.
/// </remarks>
public sealed class PostgresOccurrenceStore(
    NpgsqlDataSource dataSource, DatabaseConnections connections, IOptions<ClusterOptions> cluster, LedgerBatchWriter? batches = null) : IOccurrenceStore
{
    private static readonly string InsertSql =
        $"INSERT INTO reminders_occurrences (service_id, {OccurrenceRows.Columns}) VALUES ($1, {OccurrenceRows.InsertPlaceholders}) " +
        "ON CONFLICT (service_id, occurrence_key) DO NOTHING RETURNING occurrence_key";

    // Only the payload-less rows migration 0006 copied from the dead-letter index (version 0) are replaced.
    private static readonly string ImportSql =
        $"INSERT INTO reminders_occurrences (service_id, {OccurrenceRows.Columns}) VALUES ($1, {OccurrenceRows.InsertPlaceholders}) " +
        $"ON CONFLICT (service_id, occurrence_key) DO UPDATE SET ({OccurrenceRows.Columns}) = " +
        $"({string.Join(", ", OccurrenceRows.Columns.Split(", ").Select(c => "excluded." + c))}) " +
        "WHERE reminders_occurrences.version = 0";

    private static readonly string OpenSql =
        $"SELECT {OccurrenceRows.Columns} FROM reminders_occurrences " +
        "WHERE service_id = $1 AND entity = $2 AND status IN ('scheduled', 'dispatching', 'retrying')";

    // A series' keys sort in time order between '<series>:' and '<series>;' (migration 0006): the newest is the last.
    // A schedule's own series is its entity, so that range also holds its manual and alarm rows ('-' keys, below every
    // occurrence's): the series filter keeps an alarm row from standing in for the schedule's mark before its first row.
    private const string HighWaterSql =
        """
        SELECT s.series, (SELECT o.nominal FROM reminders_occurrences o
                          WHERE o.service_id = $1
                            AND o.occurrence_key > s.series || ':' AND o.occurrence_key < s.series || ';'
                            AND o.series = s.series
                          ORDER BY o.occurrence_key DESC LIMIT 1)
        FROM unnest($2::text[]) AS s(series)
        """;

    private static readonly string UpdateSql =
        $"UPDATE reminders_occurrences SET {OccurrenceRows.UpdateAssignments} WHERE service_id = $1 AND occurrence_key = $2 AND version = $16";

    // Names the retention sweep's lock among the database's advisory locks ("RETN").
    private const long RetentionLockKey = 0x5245544E;

    private string ServiceId => cluster.Value.ServiceId;

    public async Task<IReadOnlySet<string>> InsertAsync(IReadOnlyList<OccurrenceRecord> records, CancellationToken cancellationToken = default)
    {
        var written = new HashSet<string>();
        if (records.Count == 0)
        {
            return written;
        }

        if (batches is { Options.Enabled: true })
        {
            var counts = await batches.WriteAsync([.. records.Select(InsertStatement)], cancellationToken: cancellationToken);
            written.UnionWith(records.Where((_, i) => counts[i] == 1).Select(r => r.Key));
        }
        else
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var batch = InsertBatch(connection, InsertSql, records);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    written.Add(reader.GetString(0));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        foreach (var record in records.Where(r => written.Contains(r.Key)))
        {
            record.Version = 1;
        }

        return written;
    }

    public async Task<bool> UpdateAsync(OccurrenceRecord record, CancellationToken cancellationToken = default)
    {
        if (batches is { Options.Enabled: true })
        {
            return await UpdateBatchedAsync(record, durable: true, outcome: false, cancellationToken);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        return await UpdateAsync(connection, record, cancellationToken);
    }

    public async Task<bool> UpdateOutcomeAsync(OccurrenceRecord record, CancellationToken cancellationToken = default)
    {
        if (batches is { Options.Enabled: true })
        {
            var durable = !(batches.Options.RelaxedOutcomeCommits && LedgerBatchWriter.MayCommitRelaxed(record));
            return await UpdateBatchedAsync(record, durable, outcome: true, cancellationToken);
        }

        await using var connection = await connections.OpenForOutcomeAsync(cancellationToken);
        return await UpdateAsync(connection, record, cancellationToken);
    }

    private async Task<bool> UpdateBatchedAsync(OccurrenceRecord record, bool durable, bool outcome, CancellationToken cancellationToken)
    {
        if ((await batches!.WriteAsync([UpdateStatement(record)], durable, outcome, cancellationToken))[0] != 1)
        {
            return false;
        }

        record.Version++;
        return true;
    }

    private async Task<bool> UpdateAsync(NpgsqlConnection connection, OccurrenceRecord record, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(UpdateSql, connection);
        BindUpdate(command.Parameters, record);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        record.Version++;
        return true;
    }

    public async Task ImportAsync(IReadOnlyList<OccurrenceRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var batch = InsertBatch(connection, ImportSql, records);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OccurrenceRecord>> ReadOpenAsync(string entity, CancellationToken cancellationToken = default) =>
        (await ReadForActivationAsync(entity, [], cancellationToken)).Open;

    public async Task<IReadOnlyDictionary<string, LocalDateTime>> ReadHighWaterAsync(IReadOnlyCollection<string> series, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(HighWaterSql);
        command.Parameters.Add(OccurrenceRows.Text(ServiceId));
        command.Parameters.Add(TextArray(series));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadHighWaterAsync(reader, cancellationToken);
    }

    public async Task<ActivationRead> ReadForActivationAsync(string entity, IReadOnlyCollection<string> series, CancellationToken cancellationToken = default)
    {
        // One round trip (and one transaction) for both reads an activation needs.
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var open = new NpgsqlBatchCommand(OpenSql);
        open.Parameters.Add(OccurrenceRows.Text(ServiceId));
        open.Parameters.Add(OccurrenceRows.Text(entity));
        batch.BatchCommands.Add(open);
        if (series.Count > 0)
        {
            var marks = new NpgsqlBatchCommand(HighWaterSql);
            marks.Parameters.Add(OccurrenceRows.Text(ServiceId));
            marks.Parameters.Add(TextArray(series));
            batch.BatchCommands.Add(marks);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var records = new List<OccurrenceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(OccurrenceRows.Read(reader));
        }

        var highWater = await reader.NextResultAsync(cancellationToken)
            ? await ReadHighWaterAsync(reader, cancellationToken)
            : new Dictionary<string, LocalDateTime>();
        return new ActivationRead(records, highWater);
    }

    public async Task<IReadOnlySet<string>> ReadExistingKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return existing;
        }

        await using var command = dataSource.CreateCommand("SELECT occurrence_key FROM reminders_occurrences WHERE service_id = $1 AND occurrence_key = ANY($2)");
        command.Parameters.Add(OccurrenceRows.Text(ServiceId));
        command.Parameters.Add(TextArray(keys));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing.Add(reader.GetString(0));
        }

        return existing;
    }

    public async Task<OccurrenceRecord?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(
            $"SELECT {OccurrenceRows.Columns} FROM reminders_occurrences WHERE service_id = $1 AND occurrence_key = $2",
            [OccurrenceRows.Text(key)],
            cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<OccurrenceRecord>> ListAsync(OccurrenceQuery query, CancellationToken cancellationToken = default)
    {
        // Only the filters given become conditions, so each combination gets a plan that fits its index.
        var sql = new StringBuilder($"SELECT {OccurrenceRows.Columns} FROM reminders_occurrences WHERE service_id = $1");
        var parameters = new List<NpgsqlParameter>();
        void Condition(string condition, params NpgsqlParameter[] values)
        {
            var first = parameters.Count + 2;
            sql.Append(" AND ").Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, condition, first, first + 1, first + 2));
            parameters.AddRange(values);
        }

        if (query.Entity is { } entity)
        {
            // The entity's keys are a range of the primary key (migration 0006); the entity column keeps the filter exact.
            Condition("occurrence_key > ${0} AND occurrence_key < ${1} AND entity = ${2}", OccurrenceRows.Text(entity + ":"), OccurrenceRows.Text(entity + ";"), OccurrenceRows.Text(entity));
        }

        if (query.Status is { } status)
        {
            Condition("status = ${0}", OccurrenceRows.Text(OccurrenceStatusNames.Of(status)));
        }

        if (query.Kind is { } kind)
        {
            Condition("kind = ${0}", OccurrenceRows.Text(kind));
        }

        if (query.DueFrom is { } from)
        {
            Condition("due_utc >= ${0}", OccurrenceRows.Utc(from));
        }

        if (query.DueTo is { } to)
        {
            Condition("due_utc < ${0}", OccurrenceRows.Utc(to));
        }

        if (query.After is { } after)
        {
            Condition("(due_utc, occurrence_key) < (${0}, ${1})", OccurrenceRows.Utc(after.Due), OccurrenceRows.Text(after.Key));
        }

        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" ORDER BY due_utc DESC, occurrence_key DESC LIMIT {query.Limit}");
        return ReadAsync(sql.ToString(), parameters, cancellationToken);
    }

    public Task<IReadOnlyList<OccurrenceRecord>> ListAwaitingOperatorAsync(
        OccurrenceStatus status, string? kind, (Instant ClosedAt, string Key)? after, int limit, CancellationToken cancellationToken = default)
    {
        if (status is not (OccurrenceStatus.DeadLettered or OccurrenceStatus.Uncertain))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only dead-lettered and uncertain occurrences wait for an operator.");
        }

        return ReadAsync(
            $"""
            SELECT {OccurrenceRows.Columns} FROM reminders_occurrences
            WHERE service_id = $1 AND status = $2 AND status IN ('deadLettered', 'uncertain')
              AND ($3::text IS NULL OR kind = $3)
              AND ($4::timestamptz IS NULL OR (closed_utc, occurrence_key) < ($4, $5::text))
            ORDER BY closed_utc DESC, occurrence_key DESC
            LIMIT $6
            """,
            [
                OccurrenceRows.Text(OccurrenceStatusNames.Of(status)),
                OccurrenceRows.Text(kind),
                OccurrenceRows.Utc(after?.ClosedAt),
                OccurrenceRows.Text(after?.Key),
                OccurrenceRows.Int(limit),
            ],
            cancellationToken);
    }

    public async Task<int> DeleteExpiredAsync(Instant cutoff, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Silos sweep one at a time: a second one finds the lock taken and leaves the batch to the first.
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({RetentionLockKey})", connection, transaction))
        {
            if (await lockCommand.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        // A row with a newer row in its series is not the series' high-water mark; only those may go.
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM reminders_occurrences o
             USING (SELECT c.occurrence_key
                      FROM reminders_occurrences c
                     WHERE c.service_id = $1 AND c.due_utc < $2 AND c.closed_utc < $2
                       AND c.status IN ('delivered', 'skipped')
                       AND EXISTS (SELECT 1 FROM reminders_occurrences n
                                    WHERE n.service_id = c.service_id
                                      AND n.occurrence_key > c.occurrence_key AND n.occurrence_key < c.series || ';')
                     LIMIT $3) expired
             WHERE o.service_id = $1 AND o.occurrence_key = expired.occurrence_key
            """,
            connection,
            transaction);
        command.Parameters.Add(OccurrenceRows.Text(ServiceId));
        command.Parameters.Add(OccurrenceRows.Utc(cutoff));
        command.Parameters.Add(OccurrenceRows.Int(limit));
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private static NpgsqlParameter TextArray(IReadOnlyCollection<string> series) =>
        new() { Value = series.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static async Task<Dictionary<string, LocalDateTime>> ReadHighWaterAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var marks = new Dictionary<string, LocalDateTime>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(1))
            {
                marks[reader.GetString(0)] = LocalDateTime.FromDateTime(reader.GetDateTime(1));
            }
        }

        return marks;
    }

    private LedgerStatement InsertStatement(OccurrenceRecord record) => new(InsertSql, p => BindInsert(p, record), record.Key);

    private LedgerStatement UpdateStatement(OccurrenceRecord record) => new(UpdateSql, p => BindUpdate(p, record), record.Key);

    private void BindInsert(NpgsqlParameterCollection parameters, OccurrenceRecord record)
    {
        parameters.Add(OccurrenceRows.Text(ServiceId));
        OccurrenceRows.AddInsertValues(parameters, record, version: 1);
    }

    private void BindUpdate(NpgsqlParameterCollection parameters, OccurrenceRecord record)
    {
        parameters.Add(OccurrenceRows.Text(ServiceId));
        OccurrenceRows.AddUpdateValues(parameters, record);
    }

    // One round trip and one transaction for the lot, each row keeping its own ON CONFLICT condition.
    private NpgsqlBatch InsertBatch(NpgsqlConnection connection, string sql, IReadOnlyList<OccurrenceRecord> records)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var record in records)
        {
            var command = new NpgsqlBatchCommand(sql);
            BindInsert(command.Parameters, record);
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private async Task<IReadOnlyList<OccurrenceRecord>> ReadAsync(string sql, IEnumerable<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(OccurrenceRows.Text(ServiceId));
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        var records = new List<OccurrenceRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(OccurrenceRows.Read(reader));
        }

        return records;
    }
}
