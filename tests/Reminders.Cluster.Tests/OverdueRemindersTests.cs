using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Reminders.Grains.Scheduling;
using Reminders.Silo.Database;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>The overdue sweep's reader: exactly the overdue rows of a ring range, oldest first, from its index.</summary>
public sealed class OverdueRemindersTests
{
    private const string ServiceId = "svc";
    private static readonly DateTimeOffset Now = Users.Utc("2026-12-10T09:00:00Z");

    // Bounds as the reminder provider binds them: (int) casts of the ring's uint bounds.
    [Theory]
    [InlineData(100, 200, new[] { 101, 200 }, new[] { 100, 201, -150 })]
    [InlineData(-200, -100, new[] { -199, -100 }, new[] { -200, -99, 150 })]
    [InlineData(-100, 100, new[] { -99, 0, 100 }, new[] { -100, 101, int.MinValue, int.MaxValue })] // wraps as uint only
    [InlineData(2147483392, -2147483392, new[] { 2147483393, int.MaxValue, int.MinValue, -2147483392 }, new[] { 2147483392, -2147483391, 0 })] // wraps as int only
    [InlineData(1879048192, int.MaxValue, new[] { 1879048193, int.MaxValue }, new[] { 1879048192, int.MinValue })]
    [InlineData(int.MaxValue, 16, new[] { int.MinValue, 16 }, new[] { int.MaxValue, 17 })]
    [InlineData(int.MaxValue, int.MinValue, new[] { int.MinValue }, new[] { int.MaxValue, 0 })]
    [InlineData(int.MinValue, 0, new[] { -2147483647, 0 }, new[] { int.MinValue, 1, int.MaxValue })]
    [InlineData(0, 0, new[] { int.MinValue, -1, 0, 1, int.MaxValue }, new int[0])] // the full ring
    [InlineData(5, 5, new[] { int.MinValue, 5, 6, int.MaxValue }, new int[0])] // the full ring again
    public async Task ReadAsync_OneRange_ReturnsExactlyItsOverdueRows(int begin, int end, int[] inside, int[] outside)
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var range = RangeFactory.CreateRange(unchecked((uint)begin), unchecked((uint)end));
        Assert.All(inside, h => Assert.True(range.InRange(unchecked((uint)h)))); // the cases agree with Orleans
        Assert.All(outside, h => Assert.False(range.InRange(unchecked((uint)h))));
        var rows = inside.Concat(outside).Select((hash, i) => new Row($"user/h{i:D3}", hash, Now.AddMinutes(-i))).ToList();
        await InsertAsync(database, rows);

        var read = await ReadAsync(database, range);

        Assert.Equal(rows.Where(r => inside.Contains(r.Hash)).OrderBy(r => r.Start).Select(r => r.GrainId), read);
    }

    [Fact]
    public async Task ReadAsync_RowsNotDueOrOfAnotherServiceOrReminder_AreLeftOut()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await InsertAsync(database, [new("user/due", 7, Now), new("user/later", 7, Now.AddMilliseconds(1))]);
        await InsertAsync(database, [new("user/other-service", 7, Now.AddDays(-1))], serviceId: "other");
        await InsertAsync(database, [new("user/other-reminder", 7, Now.AddDays(-1))], reminderName: "other");

        Assert.Equal(["user/due"], await ReadAsync(database, RangeFactory.CreateFullRange()));
    }

    [Fact]
    public async Task SummarizeAsync_CountsTheServicesOverdueRowsAndFindsTheOldest()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await InsertAsync(database, [new("user/a", 7, Now.AddHours(-2)), new("user/b", -7, Now), new("user/later", 7, Now.AddMilliseconds(1))]);
        await InsertAsync(database, [new("user/other-service", 7, Now.AddDays(-1))], serviceId: "other");
        await InsertAsync(database, [new("user/other-reminder", 7, Now.AddDays(-1))], reminderName: "other");

        Assert.Equal((2L, Now.AddHours(-2)), await Reader(database).SummarizeAsync(Now));
        Assert.Equal((0L, (DateTimeOffset?)null), await Reader(database).SummarizeAsync(Now.AddDays(-3)));
    }

    [Fact]
    public async Task ReadAsync_SubRangesAcrossPages_ReturnsTheirRowsOldestFirstTiesByGrainId()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // Three buckets, the last wrapping as uint: (-1000, -500], (10, 20], (2147483000, -2147483000].
        var range = MultiRange((-1000, -500), (10, 20), (2147483000, -2147483000));
        await InsertAsync(database,
        [
            new("user/a", 20, Now.AddHours(-1)),
            new("user/b", -500, Now.AddHours(-3)),
            new("user/c", int.MinValue, Now.AddHours(-3)),
            new("user/d", 11, Now.AddHours(-2)),
            new("user/e", int.MaxValue, Now.AddHours(-5)),
            new("user/f", -999, Now.AddHours(-3)),
            new("user/g", 10, Now.AddHours(-4)), // just outside (10, 20]
            new("user/h", -1000, Now.AddHours(-6)), // just outside (-1000, -500]
            new("user/i", 0, Now.AddHours(-7)),
            new("user/j", -2147483000, Now),
        ]);

        var read = await ReadAsync(database, range, pageSize: 2);

        Assert.Equal(["user/e", "user/b", "user/c", "user/f", "user/d", "user/a", "user/j"], read);
    }

    [Fact]
    public async Task ReadAsync_ThirtyRandomBuckets_ReturnsWhatTheRingRangeHoldsInOrder()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var random = new Random(20261210);
        var points = Enumerable.Range(0, 60).Select(_ => (uint)random.NextInt64(0, 1L << 32)).Distinct().Order().ToList();
        // Every other gap between the sorted points, the last wrapping round the ring: disjoint, like a silo's buckets.
        var buckets = Enumerable.Range(0, points.Count / 2)
            .Select(i => RangeFactory.CreateRange(points[(2 * i) + 1], points[((2 * i) + 2) % points.Count]))
            .ToList();
        var range = RangeFactory.CreateRange(buckets);
        var rows = Enumerable.Range(0, 600)
            .Select(i => new Row($"user/r{i:D4}", (int)random.NextInt64(int.MinValue, 1L + int.MaxValue), Now.AddMinutes(random.Next(-300, 30))))
            .ToList();
        await InsertAsync(database, rows);

        var read = await ReadAsync(database, range, pageSize: 7);

        var expected = rows.Where(r => r.Start <= Now && range.InRange(unchecked((uint)r.Hash)))
            .OrderBy(r => r.Start).ThenBy(r => r.GrainId, StringComparer.Ordinal).Select(r => r.GrainId).ToList();
        Assert.InRange(expected.Count, 100, 600); // the check is not vacuous
        Assert.Equal(expected, read);
    }

    [Fact]
    public async Task ReadAsync_EmptyRange_ReturnsNothing()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await InsertAsync(database, [new("user/a", 1, Now)]);

        Assert.Empty(await ReadAsync(database, RangeFactory.CreateRange([])));
    }

    [Fact]
    public async Task PageStatement_OnAMostlyFutureTable_WalksTheOverdueIndexWithoutSorting()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // 50,000 reminders of one service spread over the coming 50 days, one in a hundred already overdue.
        await database.ExecuteAsync("""
            INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
            SELECT @service, 'user/u' || i, @reminder, @now + (i - 500) * interval '1 minute' * 1.44, 60000, hashint4(i), 0
              FROM generate_series(1, 50000) AS i
            """, ("service", ServiceId), ("reminder", ReminderArm.ReminderName), ("now", Now));
        await database.ExecuteAsync("VACUUM ANALYZE orleansreminderstable");
        var reader = Reader(database);
        var hashes = PostgresOverdueReminders.GrainHashRanges(MultiRange((-1000, 5000), (1_000_000, -1_000_000)));

        await using var command = reader.CreatePageCommand(hashes, Now.UtcDateTime, (Now.UtcDateTime.AddHours(-2), "user/u9"));
        command.CommandText = "EXPLAIN (COSTS OFF) " + command.CommandText;
        var plan = string.Join('\n', await ReadAllAsync(command));

        Assert.Contains("Index Only Scan using ix_orleansreminderstable_overdue", plan);
        Assert.DoesNotContain("Sort", plan);
        Assert.Contains("ROW(starttime, grainid) > ROW(", plan); // the keyset position seeks into the index
    }

    private sealed record Row(string GrainId, int Hash, DateTimeOffset Start);

    private static IRingRange MultiRange(params (int Begin, int End)[] bounds) =>
        RangeFactory.CreateRange(bounds.Select(b => RangeFactory.CreateRange(unchecked((uint)b.Begin), unchecked((uint)b.End))).ToList());

    private static PostgresOverdueReminders Reader(PostgresDatabase database, int pageSize = 10_000) =>
        new(database.DataSource, Options.Create(new ClusterOptions { ServiceId = ServiceId })) { PageSize = pageSize };

    private static async Task<List<string>> ReadAsync(PostgresDatabase database, IRingRange range, int pageSize = 10_000)
    {
        var read = new List<string>();
        await foreach (var id in Reader(database, pageSize).ReadAsync(range, Now))
        {
            read.Add(id.ToString());
        }

        return read;
    }

    private static Task<int> InsertAsync(PostgresDatabase database, IReadOnlyList<Row> rows, string serviceId = ServiceId, string reminderName = ReminderArm.ReminderName) =>
        database.ExecuteAsync("""
            INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
            SELECT @service, grainid, @reminder, starttime, 60000, grainhash, 0
              FROM unnest(@grainids, @hashes, @starts) AS r(grainid, grainhash, starttime)
            """,
            ("service", serviceId), ("reminder", reminderName), ("grainids", rows.Select(r => r.GrainId).ToArray()),
            ("hashes", rows.Select(r => r.Hash).ToArray()), ("starts", rows.Select(r => r.Start).ToArray()));

    private static async Task<List<string>> ReadAllAsync(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
