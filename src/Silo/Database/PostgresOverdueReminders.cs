using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Reminders.Grains.Scheduling;

namespace Reminders.Silo.Database;

/// <summary>Reads the entities of a ring range whose reminder should already have fired: its start time has passed.</summary>
public sealed class PostgresOverdueReminders(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster)
{
    // One statement covers the whole ring range, however many sub-ranges it has (30 virtual buckets per silo by
    // default). It walks ix_orleansreminderstable_overdue (migration 0007) in page order from the keyset
    // position, over overdue entries only. It tests each entry's grainhash, which that index carries, against
    // the range as one multirange parameter: a binary search in a filter on the scan, with no join for the
    // planner to reorder. It stops after a page. Why not the alternatives:
    //   * One query per sub-range: each would walk the same overdue entries again, 30 times over, and the
    //     oldest-first order across sub-ranges would need a merge.
    //   * An index led by grainhash: it finds a sub-range's rows directly, but all of them, due or not, and has
    //     to sort them again for every page.
    //   * A join on unnest($begins, $ends): a semi-join that re-reads the bounds for every entry, and the
    //     planner chooses its shape.
    internal const string PageSql = """
        SELECT starttime, grainid
          FROM orleansreminderstable
         WHERE serviceid = $1
           AND remindername = $2
           AND starttime <= $3
           AND (starttime, grainid) > ($4, $5)
           AND grainhash::bigint <@ $6
         ORDER BY starttime, grainid
         LIMIT $7
        """;

    // The same index's equality prefix and a range on starttime: an index-only count over overdue entries alone.
    internal const string SummarySql = """
        SELECT count(*), min(starttime)
          FROM orleansreminderstable
         WHERE serviceid = $1
           AND remindername = $2
           AND starttime <= $3
        """;

    /// <summary>Rows per keyset page.</summary>
    /// <value>The default is 10,000.</value>
    internal int PageSize { get; init; } = 10_000;

    /// <summary>Grains in <paramref name="range"/> whose reminder started at or before <paramref name="now"/>, oldest first.</summary>
    public async IAsyncEnumerable<GrainId> ReadAsync(IRingRange range, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var hashes = GrainHashRanges(range);
        if (hashes.Count == 0)
        {
            yield break;
        }

        var after = (Start: DateTime.MinValue, GrainId: "");
        while (true)
        {
            var page = await ReadPageAsync(hashes, now.UtcDateTime, after, cancellationToken);
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

    /// <summary>How many entities of the whole service have a reminder that started at or before <paramref name="before"/>, and the oldest start.</summary>
    public async Task<(long Count, DateTimeOffset? Oldest)> SummarizeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(SummarySql);
        command.Parameters.Add(new() { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new() { Value = ReminderArm.ReminderName });
        command.Parameters.Add(new() { Value = before.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt64(0);
        return (count, reader.IsDBNull(1) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)));
    }

    /// <summary>
    /// The ring range as ranges of the signed grainhash column. The bounds are compared exactly as the
    /// reminder provider's ReadRangeRows1Key and ReadRangeRows2Key compare them: each uint bound is cast to
    /// int. When begin &lt; end as ints the range is (begin, end]; otherwise it wraps: above begin, or up to
    /// end. The full ring, (0, 0], is a wrapping range that covers every value.
    /// </summary>
    internal static List<NpgsqlRange<long>> GrainHashRanges(IRingRange range)
    {
        // PostgreSQL stores integer ranges as [lower, upper). An int4range (begin, int.MaxValue] therefore
        // overflows; bigint bounds cannot.
        var ranges = new List<NpgsqlRange<long>>();
        foreach (var subRange in RangeFactory.GetSubRanges(range))
        {
            var begin = unchecked((int)subRange.Begin);
            var end = unchecked((int)subRange.End);
            if (begin < end)
            {
                ranges.Add(new NpgsqlRange<long>(begin, false, end, true));
            }
            else
            {
                ranges.Add(new NpgsqlRange<long>(begin, false, false, 0, false, true));
                ranges.Add(new NpgsqlRange<long>(0, false, true, end, true, false));
            }
        }

        return ranges;
    }

    /// <summary>The statement for one page. Tests run it under EXPLAIN.</summary>
    internal NpgsqlCommand CreatePageCommand(List<NpgsqlRange<long>> hashes, DateTime now, (DateTime Start, string GrainId) after)
    {
        var command = dataSource.CreateCommand(PageSql);
        command.Parameters.Add(new() { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new() { Value = ReminderArm.ReminderName });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = DateTime.SpecifyKind(after.Start, DateTimeKind.Utc) });
        command.Parameters.Add(new() { Value = after.GrainId });
        command.Parameters.Add(new() { Value = hashes, NpgsqlDbType = NpgsqlDbType.BigIntMultirange });
        command.Parameters.Add(new() { Value = PageSize });
        return command;
    }

    private async Task<List<(DateTime Start, string GrainId)>> ReadPageAsync(
        List<NpgsqlRange<long>> hashes, DateTime now, (DateTime Start, string GrainId) after, CancellationToken cancellationToken)
    {
        await using var command = CreatePageCommand(hashes, now, after);
        var page = new List<(DateTime, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add((reader.GetDateTime(0), reader.GetString(1)));
        }

        return page;
    }
}
