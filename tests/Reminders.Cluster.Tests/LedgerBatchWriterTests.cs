using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Silo.Database;
using Reminders.Testing;
using static Reminders.Cluster.Tests.OccurrenceStoreRows;

namespace Reminders.Cluster.Tests;

/// <summary>
/// The group-commit writer: many callers' conditional statements share one transaction, and each caller still gets
/// its own row count; a statement PostgreSQL rejects fails only its own caller; racing callers keep the per-row
/// compare-and-swap exact.
/// </summary>
public sealed class LedgerBatchWriterTests
{
    private const string Blocker = "schedule:block:20261201T090000";

    [Fact]
    public async Task WriteAsync_MixedBatchWhereSomeSwapsLose_EachCallerGetsItsOwnAnswerInOneTransaction()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var plain = Store(database);
        var keys = Enumerable.Range(0, 10).Select(i => $"schedule:s{i}:20261201T090000").ToList();
        await plain.InsertAsync([Record(Blocker, Start, OccurrenceStatus.Scheduled), .. keys.Select(k => Record(k, Start, OccurrenceStatus.Scheduled))]);
        await using var writer = Writer(database, maxConcurrentBatches: 1);

        // Hold the only batch on a row lock, so everything queued meanwhile goes in the next batch together.
        var (held, release) = await HoldAsync(database, writer);
        var writes = keys.Select((k, i) => writer.WriteAsync([Swap(k, fromVersion: i % 2 == 0 ? 1 : 7)])).ToList();
        var inserts = new[] { "schedule:s0:20261201T090000", "schedule:new:20261201T090000" }
            .Select(k => writer.WriteAsync([Insert(k)])).ToList();
        await release();
        await held;

        var swapped = await Task.WhenAll(writes);
        Assert.Equal(keys.Select((_, i) => i % 2 == 0 ? 1 : 0), swapped.Select(c => Assert.Single(c)));
        Assert.Equal([0, 1], (await Task.WhenAll(inserts)).Select(c => Assert.Single(c)));
        Assert.Equal(
            keys.Select((k, i) => $"{k}={(i % 2 == 0 ? "delivered" : "scheduled")}"),
            await database.QueryAsync("SELECT occurrence_key || '=' || status FROM reminders_occurrences WHERE occurrence_key = ANY(@keys) ORDER BY occurrence_key", ("keys", keys.ToArray())));
        // The winners and the new row were written by one transaction: group-committed.
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(DISTINCT xmin::text) FROM reminders_occurrences WHERE status = 'delivered' AND occurrence_key <> @blocker OR occurrence_key LIKE 'schedule:new:%'",
            ("blocker", Blocker)));
    }

    [Fact]
    public async Task WriteAsync_OneStatementRejectedInABatch_FailsOnlyItsCaller()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var keys = Enumerable.Range(0, 6).Select(i => $"schedule:s{i}:20261201T090000").ToList();
        await Store(database).InsertAsync([Record(Blocker, Start, OccurrenceStatus.Scheduled), .. keys.Select(k => Record(k, Start, OccurrenceStatus.Scheduled))]);
        await using var writer = Writer(database, maxConcurrentBatches: 1);

        var (held, release) = await HoldAsync(database, writer);
        var good = keys.Skip(1).Select(k => writer.WriteAsync([Swap(k, fromVersion: 1)])).ToList();
        // The status check constraint rejects this one, which rolls its whole transaction back.
        var bad = writer.WriteAsync([Swap(keys[0], fromVersion: 1, status: "bogus")]);
        // One caller's two statements stay together: the rejected one takes the other down with it, nothing else.
        var pair = writer.WriteAsync([Insert("schedule:pair:20261201T090000"), Swap(keys[0], fromVersion: 1, status: "bogus")]);
        await release();
        await held;

        Assert.All(await Task.WhenAll(good), c => Assert.Equal([1], c));
        Assert.Equal(PostgresErrorCodes.CheckViolation, (await Assert.ThrowsAsync<PostgresException>(() => bad)).SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, (await Assert.ThrowsAsync<PostgresException>(() => pair)).SqlState);
        Assert.Equal(5L, await database.ScalarAsync<long>("SELECT count(*) FROM reminders_occurrences WHERE status = 'delivered' AND occurrence_key <> @b", ("b", Blocker)));
        Assert.Equal("scheduled", await database.ScalarAsync<string>("SELECT status FROM reminders_occurrences WHERE occurrence_key = @k", ("k", keys[0])));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM reminders_occurrences WHERE occurrence_key LIKE 'schedule:pair:%'"));
    }

    [Fact]
    public async Task WriteAsync_BrokenConnectionMidBatch_FailsThatBatchsCallersAndTheNextBatchSucceeds()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var keys = Enumerable.Range(0, 4).Select(i => $"schedule:s{i}:20261201T090000").ToList();
        await Store(database).InsertAsync([Record(Blocker, Start, OccurrenceStatus.Scheduled), .. keys.Select(k => Record(k, Start, OccurrenceStatus.Scheduled))]);
        await using var writer = Writer(database, maxConcurrentBatches: 1);

        // The held batch's backend is terminated while it waits: its caller fails, the callers queued behind it do not.
        var (held, _) = await HoldAsync(database, writer);
        var queued = keys.Select(k => writer.WriteAsync([Swap(k, fromVersion: 1)])).ToList();
        await database.ExecuteAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => held);
        Assert.All(await Task.WhenAll(queued), c => Assert.Equal([1], c));
    }

    [Fact]
    public async Task StoreThroughWriter_ManyTasksRacingOnTheSameRows_ExactlyOneSwapWinsPerRow()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var keys = Enumerable.Range(0, 20).Select(i => $"schedule:s{i:D2}:20261201T090000").ToList();
        await using var writer = Writer(database, maxConcurrentBatches: 4, maxBatchSize: 16);
        var store = Batched(database, writer);

        // 10 inserts race per key (one wins), then 10 swaps per key from version 1 (one wins).
        var inserted = await Task.WhenAll(keys.SelectMany(k => Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.InsertAsync([Record(k, Start, OccurrenceStatus.Dispatching)])))));
        var swaps = keys.SelectMany(k => Enumerable.Range(0, 10).Select(i => (Key: k, Record: Claimed(k, i)))).ToList();
        var won = await Task.WhenAll(swaps.Select(s => Task.Run(() => store.UpdateAsync(s.Record))));

        Assert.Equal(keys.Count, inserted.Count(w => w.Count == 1));
        Assert.All(keys, k => Assert.Single(swaps.Where((s, i) => s.Key == k && won[i])));
        Assert.All(swaps.Where((_, i) => won[i]), s => Assert.Equal(2, s.Record.Version));
        Assert.All(swaps.Where((_, i) => !won[i]), s => Assert.Equal(1, s.Record.Version));
        Assert.Equal(keys.Count, await database.ScalarAsync<long>("SELECT count(*) FROM reminders_occurrences WHERE version = 2 AND status = 'delivered'"));
    }

    [Theory]
    [InlineData(OccurrenceStatus.Delivered, DeliveryGuarantee.AtLeastOnce, true)]
    [InlineData(OccurrenceStatus.Retrying, DeliveryGuarantee.AtLeastOnce, true)]
    [InlineData(OccurrenceStatus.DeadLettered, DeliveryGuarantee.AtLeastOnce, true)]
    [InlineData(OccurrenceStatus.Dispatching, DeliveryGuarantee.AtLeastOnce, false)]
    [InlineData(OccurrenceStatus.Scheduled, DeliveryGuarantee.AtLeastOnce, false)]
    [InlineData(OccurrenceStatus.Skipped, DeliveryGuarantee.AtLeastOnce, false)]
    [InlineData(OccurrenceStatus.Delivered, DeliveryGuarantee.AtMostOnce, false)]
    [InlineData(OccurrenceStatus.Uncertain, DeliveryGuarantee.AtMostOnce, false)]
    public void MayCommitRelaxed_OnlyAtLeastOnceOutcomes_NeverClaimsOrAtMostOnce(OccurrenceStatus status, DeliveryGuarantee guarantee, bool relaxed)
    {
        var record = Record("schedule:s1:20261201T090000", Start, status, guarantee: guarantee);
        Assert.Equal(relaxed, LedgerBatchWriter.MayCommitRelaxed(record));
    }

    [Fact]
    public async Task StoreThroughWriter_RelaxedOutcomeCommits_WritesOutcomesAndClaimsAlike()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var writer = Writer(database, maxConcurrentBatches: 2, relaxed: true);
        var store = Batched(database, writer);
        var keys = Enumerable.Range(0, 30).Select(i => $"schedule:s{i:D2}:20261201T090000").ToList();
        var records = keys.Select(k => Record(k, Start, OccurrenceStatus.Dispatching)).ToList();
        await Task.WhenAll(records.Select(r => store.InsertAsync([r])));

        foreach (var record in records)
        {
            record.MarkDelivered(Start);
        }

        Assert.All(await Task.WhenAll(records.Select(r => store.UpdateOutcomeAsync(r))), Assert.True);
        Assert.Equal(30L, await database.ScalarAsync<long>("SELECT count(*) FROM reminders_occurrences WHERE status = 'delivered' AND version = 2"));
    }

    [Fact]
    public async Task StoreThroughWriter_AnOutcomeOutlastsTheClaimBudget_WhileAClaimInTheSameOutageGivesUp()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var keys = new[] { "schedule:claim:20261201T090000", "schedule:outcome:20261201T090000" };
        await Store(database).InsertAsync([.. keys.Select(k => Record(k, Start, OccurrenceStatus.Dispatching))]);
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = new TcpRelay(settings.Port); // refusing until opened
        settings.Port = relay.Port;
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        var connections = new DatabaseConnections(
            dataSource, NullLogger<DatabaseConnections>.Instance, budget: TimeSpan.FromSeconds(1), outcomeBudget: TimeSpan.FromSeconds(30));
        await using var writer = new LedgerBatchWriter(connections, Options.Create(new LedgerBatchOptions()), NullLogger<LedgerBatchWriter>.Instance);
        var store = new PostgresOccurrenceStore(
            dataSource, connections, Options.Create(new Orleans.Configuration.ClusterOptions { ServiceId = ServiceId }), writer);
        var claim = Claimed(keys[0], writer: 1);
        var outcome = Claimed(keys[1], writer: 1);

        var outcomeWrite = store.UpdateOutcomeAsync(outcome);
        await Assert.ThrowsAnyAsync<Exception>(() => store.UpdateAsync(claim));
        Assert.False(outcomeWrite.IsCompleted, "the outcome's batch is still trying to open after the claim's budget is spent");

        relay.Open();
        Assert.True(await outcomeWrite.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("delivered", await database.ScalarAsync<string>($"SELECT status FROM reminders_occurrences WHERE occurrence_key = '{keys[1]}'"));
    }

    private static LedgerBatchWriter Writer(PostgresDatabase database, int maxConcurrentBatches, int maxBatchSize = 64, bool relaxed = false) =>
        new(
            new DatabaseConnections(database.DataSource, NullLogger<DatabaseConnections>.Instance),
            Options.Create(new LedgerBatchOptions { MaxConcurrentBatches = maxConcurrentBatches, MaxBatchSize = maxBatchSize, RelaxedOutcomeCommits = relaxed }),
            NullLogger<LedgerBatchWriter>.Instance);

    private static PostgresOccurrenceStore Batched(PostgresDatabase database, LedgerBatchWriter writer) =>
        new(database.DataSource, new DatabaseConnections(database.DataSource, NullLogger<DatabaseConnections>.Instance),
            Options.Create(new Orleans.Configuration.ClusterOptions { ServiceId = ServiceId }), writer);

    private static Grains.Ledger.OccurrenceRecord Claimed(string key, int writer)
    {
        var record = Record(key, Start, OccurrenceStatus.Delivered, message: $"writer {writer}");
        record.Version = 1;
        return record;
    }

    /// <summary>Locks the blocker row in a transaction of the test's, queues a swap of it, and waits until that batch waits on the lock.</summary>
    private static async Task<(Task<int[]> Held, Func<Task> Release)> HoldAsync(PostgresDatabase database, LedgerBatchWriter writer)
    {
        var connection = await database.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM reminders_occurrences WHERE occurrence_key = $1 FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.Add(new NpgsqlParameter { Value = Blocker });
            await lockRow.ExecuteNonQueryAsync();
        }

        var held = writer.WriteAsync([Swap(Blocker, fromVersion: 1)]);
        await Eventually.HoldsAsync(
            async () => await database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 1,
            "the first batch waits on the held row lock");
        return (held, async () =>
        {
            await transaction.CommitAsync();
            await connection.DisposeAsync();
        });
    }

    // Raw statements of the ledger's shape, so a test can also send one that PostgreSQL rejects.
    private static LedgerStatement Swap(string key, int fromVersion, string status = "delivered") => new(
        "UPDATE reminders_occurrences SET status = $3, version = version + 1 WHERE service_id = $1 AND occurrence_key = $2 AND version = $4",
        p =>
        {
            p.Add(new NpgsqlParameter { Value = ServiceId });
            p.Add(new NpgsqlParameter { Value = key });
            p.Add(new NpgsqlParameter { Value = status });
            p.Add(new NpgsqlParameter { Value = fromVersion });
        },
        key);

    private static LedgerStatement Insert(string key) => new(
        "INSERT INTO reminders_occurrences (service_id, occurrence_key, entity, series, nominal, kind, local_time, due_utc, max_attempts, late, channel, recipient, message, guarantee, " +
        "deadline_utc, status, attempts, attempt_budget_start, history, version) " +
        "SELECT service_id, $2, entity, series, nominal, kind, local_time, due_utc, max_attempts, late, channel, recipient, message, guarantee, " +
        "deadline_utc, 'scheduled', 0, 0, '[]', 1 FROM reminders_occurrences WHERE service_id = $1 AND occurrence_key = $3 " +
        "ON CONFLICT (service_id, occurrence_key) DO NOTHING",
        p =>
        {
            p.Add(new NpgsqlParameter { Value = ServiceId });
            p.Add(new NpgsqlParameter { Value = key });
            p.Add(new NpgsqlParameter { Value = Blocker });
        },
        key);
}
