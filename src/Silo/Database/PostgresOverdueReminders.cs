using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Reminders.Grains.Scheduling;

namespace Reminders.Silo.Database;

/// <summary>Reads the entities whose reminder should already have fired: its start time has passed.</summary>
public sealed class PostgresOverdueReminders(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster)
{
    private const int PageSize = 10_000;

    /// <summary>Grains whose reminder started at or before <paramref name="now"/>, oldest first, in keyset pages.</summary>
    public async IAsyncEnumerable<GrainId> ReadAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = (Start: DateTime.MinValue, GrainId: "");
        while (true)
        {
            var page = await ReadPageAsync(now.UtcDateTime, after, cancellationToken);
            foreach (var row in page)
            {
                yield return GrainId.Parse(row.GrainId, CultureInfo.InvariantCulture);
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private async Task<List<(DateTime Start, string GrainId)>> ReadPageAsync(DateTime now, (DateTime Start, string GrainId) after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT starttime, grainid FROM orleansreminderstable
            WHERE serviceid = $1 AND remindername = $2 AND starttime <= $3 AND (starttime, grainid) > ($4, $5)
            ORDER BY starttime, grainid
            LIMIT $6
            """);
        command.Parameters.Add(new() { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new() { Value = ReminderArm.ReminderName });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = DateTime.SpecifyKind(after.Start, DateTimeKind.Utc) });
        command.Parameters.Add(new() { Value = after.GrainId });
        command.Parameters.Add(new() { Value = PageSize });
        var page = new List<(DateTime, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add((reader.GetDateTime(0), reader.GetString(1)));
        }

        return page;
    }
}
