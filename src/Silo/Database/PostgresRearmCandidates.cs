using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Reminders.Silo.Database;

/// <summary>
/// Finds live entities whose catalog row was not confirmed under the given trigger settings stamp (migration 0017):
/// their armed trigger may have been computed with another zone database or other kind settings.
/// </summary>
public sealed class PostgresRearmCandidates(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster)
{
    // Walks the primary key from the keyset position; one pass over the table finds every candidate, a batch at a time.
    private const string CandidatesSql = """
        SELECT entity, grain_id
          FROM reminders_entities
         WHERE service_id = $1 AND entity > $2 AND NOT deleted
           AND trigger_settings IS DISTINCT FROM $3
         ORDER BY entity
         LIMIT $4
        """;

    /// <summary>Up to <paramref name="limit"/> candidates after entity key <paramref name="after"/>, in entity-key order.</summary>
    public async Task<IReadOnlyList<(string Entity, GrainId GrainId)>> FindAsync(
        string after, string settings, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(CandidatesSql);
        command.Parameters.Add(OccurrenceRows.Text(cluster.Value.ServiceId));
        command.Parameters.Add(OccurrenceRows.Text(after));
        command.Parameters.Add(OccurrenceRows.Text(settings));
        command.Parameters.Add(OccurrenceRows.Int(limit));
        var found = new List<(string, GrainId)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetString(0), GrainId.Parse(reader.GetString(1), CultureInfo.InvariantCulture)));
        }

        return found;
    }
}
