using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;
using Reminders.Silo.Ledger;
using Reminders.Testing;
using static Reminders.Cluster.Tests.OccurrenceStoreRows;

namespace Reminders.Cluster.Tests;

/// <summary>
/// Retention of the ledger table: only delivered and skipped rows that closed before the cutoff go, never a series'
/// newest row, in batches, one sweeper at a time.
/// </summary>
public sealed class OccurrenceStoreRetentionTests
{
    private static readonly Instant Cutoff = Start + Duration.FromDays(30);

    // Names the retention sweep's advisory lock, "RETN" (0x5245544E).
    private const long RetentionLockKey = 1380275278;

    [Fact]
    public async Task DeleteExpiredAsync_OldDeliveredAndSkippedRows_AreDeletedAndNothingElse()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await InsertMixedAsync(database);

        var deleted = await Store(database).DeleteExpiredAsync(Cutoff, limit: 100);

        Assert.Equal(4, deleted);
        Assert.Equal(
            [
                "schedule:r1:20261201T030000 DeadLettered", "schedule:r1:20261201T040000 Uncertain", "schedule:r1:20261201T050000 Scheduled",
                "schedule:r1:20261201T060000 Dispatching", "schedule:r1:20261201T070000 Retrying", "schedule:r1:20261201T080000 Delivered",
                "schedule:r1:20261231T090000 Delivered", "schedule:r2:20261201T030000 Skipped", "schedule:r3:20261201T010000 Delivered",
                "user:ada:anniversary:2026 Delivered", "user:ada:birthday:2026 Delivered",
            ],
            await RowsAsync(database));
        Assert.Equal(4L, await database.ScalarAsync<long>("SELECT count(*) FROM reminders_occurrences WHERE service_id = @s", ("s", OtherServiceId)));
    }

    [Fact]
    public async Task DeleteExpiredAsync_OverTheLimit_DeletesAtMostTheLimitPerCall()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // Eleven old rows of one series: ten may go, the newest stays.
        await Store(database).InsertAsync([.. Enumerable.Range(1, 11).Select(h => Record($"schedule:l:20261201T{h:D2}0000", Start + Duration.FromHours(h)))]);
        var store = Store(database);

        var deleted = new[]
        {
            await store.DeleteExpiredAsync(Cutoff, limit: 4),
            await store.DeleteExpiredAsync(Cutoff, limit: 4),
            await store.DeleteExpiredAsync(Cutoff, limit: 4),
            await store.DeleteExpiredAsync(Cutoff, limit: 4),
        };

        Assert.Equal([4, 4, 2, 0], deleted);
        Assert.Equal(["schedule:l:20261201T110000 Delivered"], await RowsAsync(database));
    }

    [Fact]
    public async Task DeleteExpiredAsync_WhileAnotherSweeperHoldsTheLock_DeletesNothing()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await InsertMixedAsync(database);
        var before = await RowsAsync(database);
        await using var other = await database.DataSource.OpenConnectionAsync();
        await using var sweeping = await other.BeginTransactionAsync();
        await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_xact_lock({RetentionLockKey})", other, sweeping))
        {
            await take.ExecuteNonQueryAsync();
        }

        var whileHeld = await Store(database).DeleteExpiredAsync(Cutoff, limit: 100);
        var rowsWhileHeld = await RowsAsync(database);
        await sweeping.RollbackAsync();
        var afterwards = await Store(database).DeleteExpiredAsync(Cutoff, limit: 100);

        Assert.Equal((0, 4), (whileHeld, afterwards));
        Assert.Equal(before, rowsWhileHeld);
    }

    [Fact]
    public async Task SweepAsync_SmallRetention_DeletesWhatClosedBeforeNowMinusRetention()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var now = Start + Duration.FromDays(10);
        var cutoff = now - Duration.FromHours(6);
        await Store(database).InsertAsync(
        [
            Record("schedule:w:20261201T090000", Start, closedAt: cutoff - Duration.FromSeconds(1)),
            Record("schedule:w:20261201T100000", Start + Duration.FromHours(1), OccurrenceStatus.Skipped, closedAt: cutoff - Duration.FromSeconds(1)),
            Record("schedule:w:20261201T110000", Start + Duration.FromHours(2), closedAt: cutoff),
            Record("schedule:w:20261201T120000", Start + Duration.FromHours(3), OccurrenceStatus.DeadLettered, closedAt: Start),
            Record("schedule:w:20261201T130000", Start + Duration.FromHours(4), closedAt: Start),
        ]);

        var swept = await Service(database, TimeSpan.FromHours(6)).SweepAsync(now, CancellationToken.None);

        Assert.Equal(2, swept);
        Assert.Equal(
            ["schedule:w:20261201T110000 Delivered", "schedule:w:20261201T120000 DeadLettered", "schedule:w:20261201T130000 Delivered"],
            await RowsAsync(database));
    }

    [Fact]
    public async Task SweepAsync_MoreThanOneBatch_LoopsUntilEveryExpiredRowIsGone()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // 12,001 old delivered rows of one series, a minute apart: all but the newest must go, in three batches of up to 5,000.
        await database.ExecuteAsync(
            """
            INSERT INTO reminders_occurrences (service_id, occurrence_key, entity, series, nominal, kind, local_time, due_utc, deadline_utc,
                                               status, attempts, closed_utc, delivered_utc, channel, message, guarantee, version)
            SELECT @s, 'schedule:bulk:' || to_char(t.local, 'YYYYMMDD"T"HH24MISS'), 'schedule:bulk', 'schedule:bulk', t.local, 'custom',
                   t.local, t.local AT TIME ZONE 'UTC', (t.local AT TIME ZONE 'UTC') + interval '2 days', 'delivered', 1,
                   (t.local AT TIME ZONE 'UTC') + interval '1 second', (t.local AT TIME ZONE 'UTC') + interval '1 second',
                   'webhook', 'm', 'atLeastOnce', 1
              FROM generate_series(0, 12000) AS i, LATERAL (SELECT @start + i * interval '1 minute' AS local) AS t
            """,
            ("s", ServiceId), ("start", Start.InUtc().LocalDateTime.ToDateTimeUnspecified()));
        await Store(database).InsertAsync([Record("schedule:kept:20261201T090000", Start, OccurrenceStatus.DeadLettered)]);
        var service = Service(database, TimeSpan.FromDays(1));

        var swept = await service.SweepAsync(Start + Duration.FromDays(30), CancellationToken.None);
        var again = await service.SweepAsync(Start + Duration.FromDays(30), CancellationToken.None);

        Assert.Equal((12_000, 0), (swept, again));
        Assert.Equal(["schedule:bulk:20261209T170000 Delivered", "schedule:kept:20261201T090000 DeadLettered"], await RowsAsync(database));
    }

    [Fact]
    public async Task ExecuteAsync_EachSweepInterval_SweepsAgainstTheServiceClock()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // The service clock is 100 days after Start; the wall clock may be anywhere.
        var clock = new FakeTimeProvider(Start.ToDateTimeOffset() + TimeSpan.FromDays(100));
        await Store(database).InsertAsync(
        [
            Record("schedule:t:20261201T090000", Start, closedAt: Start + Duration.FromDays(5)),
            Record("schedule:t:20261201T100000", Start + Duration.FromHours(1), closedAt: Start + Duration.FromDays(20)),
            Record("schedule:t:20261201T110000", Start + Duration.FromHours(2), closedAt: Start + Duration.FromDays(20)),
        ]);
        using var service = Service(database, TimeSpan.FromDays(90), clock, TimeSpan.FromMinutes(10));
        await service.StartAsync(CancellationToken.None);

        // The timer starts on a background thread: an interval may pass before it exists, so step until a sweep ran.
        await AdvanceUntilAsync(clock, TimeSpan.FromMinutes(10), async () => (await RowsAsync(database)).Count == 2);
        var afterFirst = await RowsAsync(database);
        await AdvanceUntilAsync(clock, TimeSpan.FromDays(11), async () => (await RowsAsync(database)).Count == 1);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(["schedule:t:20261201T100000 Delivered", "schedule:t:20261201T110000 Delivered"], afterFirst);
        Assert.Equal(["schedule:t:20261201T110000 Delivered"], await RowsAsync(database));
    }

    /// <summary>Advances the clock a step at a time until <paramref name="condition"/> holds; fails after 20 steps.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, TimeSpan step, Func<Task<bool>> condition)
    {
        for (var i = 0; i < 20; i++)
        {
            clock.Advance(step);
            if (await Eventually.HoldsWithinAsync(condition, TimeSpan.FromMilliseconds(500)))
            {
                return;
            }
        }

        throw new TimeoutException($"No sweep did its work within 20 steps of {step} on the service clock.");
    }

    private static LedgerRetentionService Service(PostgresDatabase database, TimeSpan retention, TimeProvider? clock = null, TimeSpan? interval = null) =>
        new(
            Store(database),
            Options.Create(new LedgerOptions { Retention = retention, SweepInterval = interval ?? TimeSpan.FromHours(1) }),
            clock ?? new FakeTimeProvider(Start.ToDateTimeOffset()),
            NullLogger<LedgerRetentionService>.Instance);

    /// <summary>
    /// For the cutoff <see cref="Cutoff"/>: in series schedule:r1, two old delivered and skipped rows (to go), old dead-lettered,
    /// uncertain and open rows, a row that closed at the cutoff, and the newest; in schedule:r2 two old rows (the older to
    /// go); schedule:r3 one old row, whose series has a newer row in another service only; user:ada's birthday 2025 (to go)
    /// under 2026, and its anniversary alone. Another service has old rows under newer ones, none of which may go.
    /// </summary>
    private static async Task InsertMixedAsync(PostgresDatabase database)
    {
        OccurrenceRecord Hour(string entity, int hour, OccurrenceStatus status, Instant? closedAt = null) =>
            Record($"{entity}:20261201T{hour:D2}0000", Start + Duration.FromHours(hour - 9), status, closedAt: closedAt);
        await Store(database).InsertAsync(
        [
            Hour("schedule:r1", 1, OccurrenceStatus.Delivered),
            Hour("schedule:r1", 2, OccurrenceStatus.Skipped),
            Hour("schedule:r1", 3, OccurrenceStatus.DeadLettered),
            Hour("schedule:r1", 4, OccurrenceStatus.Uncertain),
            Hour("schedule:r1", 5, OccurrenceStatus.Scheduled),
            Hour("schedule:r1", 6, OccurrenceStatus.Dispatching),
            Hour("schedule:r1", 7, OccurrenceStatus.Retrying),
            Hour("schedule:r1", 8, OccurrenceStatus.Delivered, closedAt: Cutoff),
            Record("schedule:r1:20261231T090000", Start + Duration.FromDays(30), OccurrenceStatus.Delivered),
            Hour("schedule:r2", 2, OccurrenceStatus.Delivered),
            Hour("schedule:r2", 3, OccurrenceStatus.Skipped),
            Hour("schedule:r3", 1, OccurrenceStatus.Delivered),
            Record("user:ada:birthday:2025", Start - Duration.FromDays(365), series: "user:ada:birthday", nominal: new LocalDateTime(2025, 1, 1, 0, 0)),
            Record("user:ada:birthday:2026", Start, series: "user:ada:birthday", nominal: new LocalDateTime(2026, 1, 1, 0, 0)),
            Record("user:ada:anniversary:2026", Start - Duration.FromDays(2), series: "user:ada:anniversary", nominal: new LocalDateTime(2026, 1, 1, 0, 0)),
        ]);
        await Store(database, OtherServiceId).InsertAsync(
        [
            Hour("schedule:r1", 1, OccurrenceStatus.Delivered),
            Hour("schedule:r1", 2, OccurrenceStatus.Skipped),
            Hour("schedule:r1", 9, OccurrenceStatus.Delivered),
            Hour("schedule:r3", 2, OccurrenceStatus.Delivered),
        ]);
    }

    /// <summary>This service's rows, as "key status", in key order.</summary>
    private static async Task<List<string>> RowsAsync(PostgresDatabase database) =>
        [.. (await Store(database).ListAsync(new OccurrenceQuery(100_000))).Select(r => $"{r.Key} {r.Status}").Order(StringComparer.Ordinal)];
}
