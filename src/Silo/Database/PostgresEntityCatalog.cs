using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Reminders.Grains.Catalog;
using Reminders.Grains.Scheduling;

namespace Reminders.Silo.Database;

/// <summary>
/// The catalog table <c>reminders_entities</c> (migration 0010): written by entity grains, listed with the next wake
/// from the reminder table and the dead-letter counts from the ledger's small dead-letter index.
/// </summary>
public sealed class PostgresEntityCatalog(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IEntityCatalog, IEntityCatalogWriter
{
    /// <summary>
    /// How many entities one filtered read examines at most: a filter that matches few of many costs each request a
    /// bounded scan, and the page (maybe short, maybe empty) carries a <c>next</c> to go on from where it stopped.
    /// </summary>
    public const int DefaultScanLimit = 10_000;

    /// <summary>How many entities one filtered read examines at most; tests lower it.</summary>
    /// <value>The default is <see cref="DefaultScanLimit"/>.</value>
    internal int ScanLimit { get; init; } = DefaultScanLimit;

    private const string Content = "grain_id, version, deleted, event_kinds, zone, paused, rule_text, search_text, trigger_settings";

    // Replaces only an older row, or a row of the same state version whose content differs (a release that describes
    // rules differently refreshes rows as grains activate); an unchanged row costs no write.
    private const string UpsertSql = $"""
        INSERT INTO reminders_entities AS e (service_id, entity, entity_type, id, storage_version, {Content})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (service_id, entity) DO UPDATE
           SET storage_version = excluded.storage_version, grain_id = excluded.grain_id, version = excluded.version,
               deleted = excluded.deleted, event_kinds = excluded.event_kinds, zone = excluded.zone,
               paused = excluded.paused, rule_text = excluded.rule_text, search_text = excluded.search_text,
               trigger_settings = excluded.trigger_settings
         WHERE e.storage_version < excluded.storage_version
            OR (e.storage_version = excluded.storage_version
                AND (e.grain_id, e.version, e.deleted, e.event_kinds, e.zone, e.paused, e.rule_text, e.search_text, e.trigger_settings)
                    IS DISTINCT FROM (excluded.grain_id, excluded.version, excluded.deleted, excluded.event_kinds,
                                      excluded.zone, excluded.paused, excluded.rule_text, excluded.search_text,
                                      excluded.trigger_settings))
        """;

    // The scan walks the primary key from the keyset position and stops after $4 entities; the filters
    // test each. The next wake is one primary-key lookup in the reminder table per entity; dead letters come from
    // the ledger's partial index of dead-lettered and uncertain rows, which operators keep small.
    private const string ListSql = $"""
        WITH dead AS (
            SELECT entity, count(*)::integer AS n
              FROM reminders_occurrences
             WHERE service_id = $1 AND status IN ('deadLettered', 'uncertain')
             GROUP BY entity
        ), scanned AS (
            SELECT * FROM reminders_entities
             WHERE service_id = $1 AND entity > $2 AND ($3::text IS NULL OR entity < $3) AND NOT deleted
             ORDER BY entity
             LIMIT $4
        )
        SELECT s.entity_type, s.id, s.event_kinds, s.zone, s.paused, s.rule_text, r.starttime, coalesce(d.n, 0), s.version
          FROM scanned s
          LEFT JOIN orleansreminderstable r ON r.serviceid = s.service_id AND r.grainid = s.grain_id AND r.remindername = '{ReminderArm.ReminderName}'
          LEFT JOIN dead d ON d.entity = s.entity
         WHERE ($5::text IS NULL OR s.search_text LIKE '%' || $5 || '%')
           AND ($6::text IS NULL OR $6 = ANY (s.event_kinds))
           AND ($7::text IS NULL OR s.zone = $7)
           AND ($8::boolean IS NULL OR s.paused = $8)
           AND ($9::timestamptz IS NULL OR r.starttime >= $9)
           AND ($10::timestamptz IS NULL OR r.starttime < $10)
           AND ($11::boolean IS NULL OR (coalesce(d.n, 0) > 0) = $11)
         ORDER BY s.entity
         LIMIT $12
        """;

    // Where a filtered scan that found less than a page stopped: the last of the entities it examined.
    private const string ScanEndSql = """
        SELECT entity_type, id FROM reminders_entities
         WHERE service_id = $1 AND entity > $2 AND ($3::text IS NULL OR entity < $3) AND NOT deleted
         ORDER BY entity
         OFFSET $4 LIMIT 1
        """;

    private string ServiceId => cluster.Value.ServiceId;

    public async Task<bool> UpsertAsync(EntityCatalogRow row, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        var p = command.Parameters;
        p.Add(OccurrenceRows.Text(ServiceId));
        p.Add(OccurrenceRows.Text(row.Entity));
        p.Add(OccurrenceRows.Text(row.EntityType));
        p.Add(OccurrenceRows.Text(row.Id));
        p.Add(OccurrenceRows.Int(row.StorageVersion));
        p.Add(OccurrenceRows.Text(row.GrainId));
        p.Add(OccurrenceRows.Int(row.Version));
        p.Add(new NpgsqlParameter { Value = row.Deleted, NpgsqlDbType = NpgsqlDbType.Boolean });
        p.Add(new NpgsqlParameter { Value = row.EventKinds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(OccurrenceRows.Text(row.Zone));
        p.Add(new NpgsqlParameter { Value = row.Paused, NpgsqlDbType = NpgsqlDbType.Boolean });
        p.Add(OccurrenceRows.Text(row.Rule));
        p.Add(OccurrenceRows.Text(row.SearchText));
        p.Add(OccurrenceRows.Text(row.TriggerSettings));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<EntityCatalogPage> ListAsync(EntityCatalogQuery query, CancellationToken cancellationToken = default)
    {
        var scan = query.IsFiltered ? ScanLimit : query.Limit + 1;
        var items = new List<EntityCatalogEntry>();
        await using (var command = dataSource.CreateCommand(ListSql))
        {
            var p = command.Parameters;
            p.Add(OccurrenceRows.Text(ServiceId));
            AddRange(p, query);
            p.Add(OccurrenceRows.Int(scan));
            p.Add(OccurrenceRows.Text(query.Text is { } text ? EscapeLike(text.ToLowerInvariant()) : null));
            p.Add(OccurrenceRows.Text(query.EventKind));
            p.Add(OccurrenceRows.Text(query.Zone));
            p.Add(new NpgsqlParameter { Value = (object?)query.Paused ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
            p.Add(OccurrenceRows.Utc(query.DueFrom));
            p.Add(OccurrenceRows.Utc(query.DueTo));
            p.Add(new NpgsqlParameter { Value = (object?)query.HasDeadLetters ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
            p.Add(OccurrenceRows.Int(query.Limit + 1));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new EntityCatalogEntry(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetFieldValue<string[]>(2),
                    reader.GetString(3),
                    reader.GetBoolean(4),
                    reader.GetString(5),
                    reader.IsDBNull(6) ? null : Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc)),
                    reader.GetInt32(7),
                    reader.GetInt32(8)));
            }
        }

        if (items.Count > query.Limit)
        {
            items.RemoveAt(items.Count - 1);
            return new EntityCatalogPage(items, Position(query, items[^1].EntityType, items[^1].Id));
        }

        return new EntityCatalogPage(items, query.IsFiltered ? await ScanEndAsync(query, cancellationToken) : null);
    }

    /// <summary>The id a filtered scan stopped at, when it stopped at its limit rather than at the end.</summary>
    private async Task<string?> ScanEndAsync(EntityCatalogQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ScanEndSql);
        command.Parameters.Add(OccurrenceRows.Text(ServiceId));
        AddRange(command.Parameters, query);
        command.Parameters.Add(OccurrenceRows.Int(ScanLimit - 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Position(query, reader.GetString(0), reader.GetString(1)) : null;
    }

    // One type's entities are the primary key's range '<type>:' to '<type>;' (entity = "<type>:<id>", collation C),
    // in id order; both types together are the whole key, in entity-key order.
    private static void AddRange(NpgsqlParameterCollection p, EntityCatalogQuery query)
    {
        if (query.EntityType is { } type)
        {
            p.Add(OccurrenceRows.Text($"{type}:{query.After}"));
            p.Add(OccurrenceRows.Text(type + ";"));
        }
        else
        {
            p.Add(OccurrenceRows.Text(query.After ?? ""));
            p.Add(OccurrenceRows.Text(null));
        }
    }

    // A typed page continues after an id; a page of both types after an entity key.
    private static string Position(EntityCatalogQuery query, string entityType, string id) =>
        query.EntityType is null ? $"{entityType}:{id}" : id;

    // LIKE's escape character is a backslash by default.
    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
