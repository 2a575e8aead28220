using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Reminders.Grains;

namespace Reminders.Silo.Database;

/// <summary>
/// Finds entities whose catalog row (migration 0010) is missing or older than their grain state: the state row's
/// version is newer than the version the catalog row was written from.
/// </summary>
public sealed class PostgresCatalogDrift(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster)
{
    // Walks ix_orleansstorage over one range of grainidhash; each state row is looked up in the catalog by grain id,
    // which is the grain type and key. The state name (graintypestring) is the grain type for both entity grains
    // (StorageNames: "user" and "schedule").
    private const string DriftSql = """
        SELECT s.graintypestring, s.grainidextensionstring
          FROM orleansstorage s
         WHERE s.serviceid = $1
           AND s.grainidhash >= $2 AND s.grainidhash < $3
           AND s.graintypestring = ANY ($4)
           AND s.grainidextensionstring IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM reminders_entities e
                            WHERE e.service_id = s.serviceid
                              AND e.grain_id = s.graintypestring || '/' || s.grainidextensionstring
                              AND e.storage_version >= s.version)
         LIMIT $5
        """;

    private static readonly string[] EntityStates = [StorageNames.UserState, StorageNames.ScheduleState];

    /// <summary>Up to <paramref name="limit"/> grains of slice <paramref name="slice"/> (of <paramref name="slices"/> equal ranges of the grain hash) whose catalog row is missing or stale.</summary>
    public async Task<IReadOnlyList<GrainId>> FindAsync(int slice, int slices, int limit, CancellationToken cancellationToken = default)
    {
        var width = (1L << 32) / slices;
        var from = int.MinValue + (slice * width);
        var to = slice == slices - 1 ? 1L << 31 : from + width;
        await using var command = dataSource.CreateCommand(DriftSql);
        command.Parameters.Add(OccurrenceRows.Text(cluster.Value.ServiceId));
        command.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = EntityStates, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(OccurrenceRows.Int(limit));
        var found = new List<GrainId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(GrainId.Create(reader.GetString(0), reader.GetString(1)));
        }

        return found;
    }
}
