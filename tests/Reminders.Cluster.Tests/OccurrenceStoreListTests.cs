using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;
using Reminders.Silo.Database;
using Reminders.Testing;
using static Reminders.Cluster.Tests.OccurrenceStoreRows;

namespace Reminders.Cluster.Tests;

/// <summary>The ledger table's queries across entities: newest first, filtered, in keyset pages, one service's rows only.</summary>
public sealed class OccurrenceStoreListTests
{
    private static readonly Duration Hour = Duration.FromHours(1);

    // Due newest first: G; F; E, D (a tie, larger key first); C, B, A (a tie); H.
    private static OccurrenceRecord[] Rows() =>
    [
        Record("schedule:s1:20261201T090000", Start, OccurrenceStatus.Delivered),                           // A
        Record("schedule:s2:20261201T090000", Start, OccurrenceStatus.Delivered, kind: "meeting"),          // B
        Record("user:ada:birthday:2026", Start, OccurrenceStatus.Delivered, kind: "birthday"),              // C
        Record("schedule:s1:20261201T100000", Start + Hour, OccurrenceStatus.DeadLettered),                 // D
        Record("schedule:s2:20261201T100000", Start + Hour, OccurrenceStatus.Scheduled, kind: "meeting"),   // E
        Record("schedule:s1:20261201T110000", Start + (2 * Hour), OccurrenceStatus.Skipped),                // F
        Record("schedule:s1:20261201T120000", Start + (3 * Hour), OccurrenceStatus.Delivered),              // G
        Record("user:ada:anniversary:2026", Start - Hour, OccurrenceStatus.Uncertain, kind: "anniversary"), // H
    ];

    private const string A = "schedule:s1:20261201T090000";
    private const string B = "schedule:s2:20261201T090000";
    private const string C = "user:ada:birthday:2026";
    private const string D = "schedule:s1:20261201T100000";
    private const string E = "schedule:s2:20261201T100000";
    private const string F = "schedule:s1:20261201T110000";
    private const string G = "schedule:s1:20261201T120000";
    private const string H = "user:ada:anniversary:2026";

    private static readonly Dictionary<string, OccurrenceQuery> Queries = new()
    {
        ["none"] = new(100),
        ["entity"] = new(100, Entity: "schedule:s1"),
        ["status"] = new(100, Status: OccurrenceStatus.Delivered),
        ["kind"] = new(100, Kind: "custom"),
        ["dueFrom, inclusive"] = new(100, DueFrom: Start),
        ["dueTo, exclusive"] = new(100, DueTo: Start + Hour),
        ["due range"] = new(100, DueFrom: Start, DueTo: Start + (2 * Hour)),
        ["entity, status and kind"] = new(100, Entity: "schedule:s1", Status: OccurrenceStatus.Delivered, Kind: "custom"),
        ["a status nothing has"] = new(100, Status: OccurrenceStatus.Retrying),
        ["an unknown entity"] = new(100, Entity: "schedule:s"),
        ["limit"] = new(3),
    };

    public static TheoryData<string, string[]> Filters => new()
    {
        { "none", [G, F, E, D, C, B, A, H] },
        { "entity", [G, F, D, A] },
        { "status", [G, C, B, A] },
        { "kind", [G, F, D, A] },
        { "dueFrom, inclusive", [G, F, E, D, C, B, A] },
        { "dueTo, exclusive", [C, B, A, H] },
        { "due range", [E, D, C, B, A] },
        { "entity, status and kind", [G, A] },
        { "a status nothing has", [] },
        { "an unknown entity", [] },
        { "limit", [G, F, E] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task ListAsync_Filtered_ReturnsExactlyTheMatchingRowsNewestDueFirstTiesByKeyDescending(string filter, string[] expected)
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await Store(database).InsertAsync(Rows());
        // Another service's rows, some under the same keys, newest of all: none may appear.
        await Store(database, OtherServiceId).InsertAsync(
        [
            Record(A, Start + (9 * Hour)), Record(D, Start + (9 * Hour)),
            Record("schedule:s1:20261201T130000", Start + (4 * Hour)), Record("user:ada:birthday:2027", Start, kind: "birthday"),
        ]);

        var listed = await Store(database).ListAsync(Queries[filter]);

        Assert.Equal(expected, Keys(listed));
    }

    [Fact]
    public async Task ListAsync_PagedAfterTheLastRow_VisitsEveryRowOnceInOrder()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // 3 entities x 9 due times: ties on every due time, inserted out of order.
        var rows = Enumerable.Range(0, 27)
            .OrderBy(i => (i * 10) % 27)
            .Select(i => Record($"schedule:p{i % 3}:20261201T{i / 3:D2}0000", Start + (i / 3 * Hour)))
            .ToList();
        await Store(database).InsertAsync(rows);
        await Store(database, OtherServiceId).InsertAsync([Record("schedule:p1:20261201T043000", Start + Duration.FromMinutes(270))]);
        var expected = rows.OrderByDescending(r => r.Due).ThenByDescending(r => r.Key, StringComparer.Ordinal).Select(r => r.Key).ToList();

        var visited = await PageAsync(Store(database), after => new OccurrenceQuery(4, After: after));

        Assert.Equal(27, expected.Distinct().Count());
        Assert.Equal(expected, visited);
    }

    [Fact]
    public async Task ListAsync_FilteredAndPaged_VisitsEveryMatchingRowOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var rows = Enumerable.Range(0, 30)
            .Select(i => Record($"schedule:p{i % 3}:20261201T{i / 3:D2}0000", Start + (i / 3 * Hour), i % 2 == 0 ? OccurrenceStatus.Delivered : OccurrenceStatus.Skipped))
            .ToList();
        await Store(database).InsertAsync(rows);

        var visited = await PageAsync(Store(database), after =>
            new OccurrenceQuery(2, Entity: "schedule:p1", Status: OccurrenceStatus.Delivered, DueFrom: Start + Hour, DueTo: Start + (9 * Hour), After: after));

        // p1 is i % 3 == 1, delivered is i even: i = 4, 10, 16, 22 (due hours 1, 3, 5, 7); 28 is at hour 9, excluded.
        Assert.Equal(["schedule:p1:20261201T070000", "schedule:p1:20261201T050000", "schedule:p1:20261201T030000", "schedule:p1:20261201T010000"], visited);
    }

    [Fact]
    public async Task ListAwaitingOperatorAsync_EachStatus_NewestClosedFirstTiesByKeyDescending()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await InsertAwaitingAsync(database);

        var deadLettered = await Store(database).ListAwaitingOperatorAsync(OccurrenceStatus.DeadLettered, kind: null, after: null, limit: 100);
        var uncertain = await Store(database).ListAwaitingOperatorAsync(OccurrenceStatus.Uncertain, kind: null, after: null, limit: 100);

        Assert.Equal(["schedule:s2:20261201T100000", "schedule:s1:20261201T100000", "schedule:s1:20261201T110000", "user:ada:birthday:2026"], Keys(deadLettered));
        Assert.Equal(["schedule:s3:20261201T090000", "schedule:s3:20261201T100000"], Keys(uncertain));
    }

    [Fact]
    public async Task ListAwaitingOperatorAsync_KindFilterAndLimit_ReturnOnlyThatKindUpToTheLimit()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await InsertAwaitingAsync(database);

        var custom = await Store(database).ListAwaitingOperatorAsync(OccurrenceStatus.DeadLettered, "custom", after: null, limit: 100);
        var birthdays = await Store(database).ListAwaitingOperatorAsync(OccurrenceStatus.DeadLettered, "birthday", after: null, limit: 100);
        var two = await Store(database).ListAwaitingOperatorAsync(OccurrenceStatus.DeadLettered, kind: null, after: null, limit: 2);

        Assert.Equal(["schedule:s2:20261201T100000", "schedule:s1:20261201T100000", "schedule:s1:20261201T110000"], Keys(custom));
        Assert.Equal(["user:ada:birthday:2026"], Keys(birthdays));
        Assert.Equal(["schedule:s2:20261201T100000", "schedule:s1:20261201T100000"], Keys(two));
    }

    [Fact]
    public async Task ListAwaitingOperatorAsync_PagedAfterTheLastRow_VisitsEveryRowOnceInOrder()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await InsertAwaitingAsync(database);
        var store = Store(database);

        var visited = new List<string>();
        (Instant ClosedAt, string Key)? after = null;
        while (true)
        {
            var page = await store.ListAwaitingOperatorAsync(OccurrenceStatus.DeadLettered, kind: null, after, limit: 1);
            if (page.Count == 0)
            {
                break;
            }

            visited.AddRange(Keys(page));
            after = (page[^1].ClosedAt!.Value, page[^1].Key);
        }

        Assert.Equal(["schedule:s2:20261201T100000", "schedule:s1:20261201T100000", "schedule:s1:20261201T110000", "user:ada:birthday:2026"], visited);
    }

    [Theory]
    [InlineData(OccurrenceStatus.Scheduled)]
    [InlineData(OccurrenceStatus.Dispatching)]
    [InlineData(OccurrenceStatus.Retrying)]
    [InlineData(OccurrenceStatus.Delivered)]
    [InlineData(OccurrenceStatus.Skipped)]
    public async Task ListAwaitingOperatorAsync_StatusNoOperatorWaitsFor_Throws(OccurrenceStatus status)
    {
        await using var database = await PostgresDatabase.CreateAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store(database).ListAwaitingOperatorAsync(status, null, null, 10));
    }

    /// <summary>
    /// Dead letters closed at +10m (two, a tie), +5m and +1m (a birthday); uncertain ones closed at +7m and +3m;
    /// a delivered row closed last; another service's dead letter newest of all.
    /// </summary>
    private static async Task InsertAwaitingAsync(PostgresDatabase database)
    {
        Instant Closed(int minutes) => Start + Duration.FromHours(3) + Duration.FromMinutes(minutes);
        await Store(database).InsertAsync(
        [
            Record("schedule:s1:20261201T110000", Start + (2 * Hour), OccurrenceStatus.DeadLettered, closedAt: Closed(5)),
            Record("schedule:s1:20261201T100000", Start + Hour, OccurrenceStatus.DeadLettered, closedAt: Closed(10)),
            Record("schedule:s2:20261201T100000", Start + Hour, OccurrenceStatus.DeadLettered, closedAt: Closed(10)),
            Record("user:ada:birthday:2026", Start, OccurrenceStatus.DeadLettered, kind: "birthday", closedAt: Closed(1)),
            Record("schedule:s3:20261201T100000", Start + Hour, OccurrenceStatus.Uncertain, closedAt: Closed(3)),
            Record("schedule:s3:20261201T090000", Start, OccurrenceStatus.Uncertain, closedAt: Closed(7)),
            Record("schedule:s4:20261201T090000", Start, OccurrenceStatus.Delivered, closedAt: Closed(20)),
        ]);
        await Store(database, OtherServiceId).InsertAsync([Record("schedule:s1:20261201T120000", Start, OccurrenceStatus.DeadLettered, closedAt: Closed(30))]);
    }

    /// <summary>Lists page after page, each after the last row of the one before, until a page comes back short.</summary>
    private static async Task<List<string>> PageAsync(PostgresOccurrenceStore store, Func<(Instant Due, string Key)?, OccurrenceQuery> pageAfter)
    {
        var visited = new List<string>();
        (Instant Due, string Key)? after = null;
        while (true)
        {
            var query = pageAfter(after);
            var page = await store.ListAsync(query);
            visited.AddRange(Keys(page));
            if (page.Count < query.Limit)
            {
                return visited;
            }

            after = (page[^1].Due, page[^1].Key);
        }
    }
}
