using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;
using Reminders.Silo.Database;
using Reminders.Testing;
using static Reminders.Cluster.Tests.OccurrenceStoreRows;

namespace Reminders.Cluster.Tests;

/// <summary>The ledger table's writes: one insert wins per key, updates are fenced on the version, every field reads back, imports replace only stubs.</summary>
public sealed class OccurrenceStoreTests
{
    private const string Key = "schedule:s1:20261201T090000";

    [Fact]
    public async Task InsertAsync_ManyWritersRacingOnOneKey_ExactlyOneWins()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // One data source each, so every writer has its own connection, opened before the race starts.
        var sources = Enumerable.Range(0, 16).Select(_ => RemindersDataSource.Create(database.ConnectionString)).ToList();
        try
        {
            foreach (var source in sources)
            {
                await using var warm = await source.OpenConnectionAsync();
            }

            var records = sources.Select((_, i) => Record(Key, Start, OccurrenceStatus.Dispatching, message: $"writer {i}")).ToList();

            var written = await Task.WhenAll(sources.Select((source, i) => Store(source).InsertAsync([records[i]])));

            var winner = Assert.Single(Enumerable.Range(0, 16), i => written[i].Count == 1);
            Assert.Equal([Key], written[winner]);
            Assert.Equal(Enumerable.Range(0, 16).Select(i => i == winner ? 1 : 0), records.Select(r => r.Version));
            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM reminders_occurrences"));
            Assert.Equal($"writer {winner}", (await Store(database).ReadAsync(Key))!.Message);
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task InsertAsync_KeyAlreadyRecorded_LeavesTheRowAndReportsNotWritten()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        await store.InsertAsync([Record(Key, Start, OccurrenceStatus.Delivered, message: "first")]);
        var again = Record(Key, Start, OccurrenceStatus.Scheduled, message: "second");
        var fresh = Record("schedule:s1:20261201T100000", Start + Duration.FromHours(1), OccurrenceStatus.Scheduled);

        var written = await store.InsertAsync([again, fresh]);

        Assert.Equal(["schedule:s1:20261201T100000"], written);
        Assert.Equal((0, 1), (again.Version, fresh.Version));
        var stored = await store.ReadAsync(Key);
        Assert.Equal(("first", OccurrenceStatus.Delivered, 1), (stored!.Message, stored.Status, stored.Version));
        Assert.Equal(OccurrenceStatus.Scheduled, (await store.ReadAsync(fresh.Key))!.Status);
    }

    [Fact]
    public async Task InsertAsync_SameKeyInAnotherService_IsItsOwnRow()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await Store(database, OtherServiceId).InsertAsync([Record(Key, Start, message: "theirs")]);

        var written = await Store(database).InsertAsync([Record(Key, Start, message: "ours")]);

        Assert.Equal([Key], written);
        Assert.Equal(("ours", "theirs"), ((await Store(database).ReadAsync(Key))!.Message, (await Store(database, OtherServiceId).ReadAsync(Key))!.Message));
    }

    [Fact]
    public async Task UpdateAsync_CurrentVersion_WritesAndBumpsTheVersion()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        await store.InsertAsync([Record(Key, Start, OccurrenceStatus.Scheduled)]);
        var record = (await store.ReadAsync(Key))!;
        record.Claim(Start + Duration.FromSeconds(1));
        record.LogAttempt("failed", 503, "receiver answered 503");
        record.MarkFailed("receiver answered 503", Start + Duration.FromSeconds(30), 503, "busy");

        Assert.True(await store.UpdateAsync(record));

        Assert.Equal(2, record.Version);
        Assert.Equal(Image(record), Image((await store.ReadAsync(Key))!));
    }

    [Fact]
    public async Task UpdateAsync_Claim_WritesItsLease_AndTheOutcomeKeepsIt()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        await store.InsertAsync([Record(Key, Start, OccurrenceStatus.Scheduled)]);
        var record = (await store.ReadAsync(Key))!;
        record.Claim(Start + Duration.FromSeconds(1), Duration.FromSeconds(15), "S10.0.0.5:11111:1");

        Assert.True(await store.UpdateAsync(record));
        Assert.Equal((Start + Duration.FromSeconds(16), "S10.0.0.5:11111:1"), ((await store.ReadAsync(Key))!.ClaimedUntil, (await store.ReadAsync(Key))!.ClaimedBy));

        record.MarkDelivered(Start + Duration.FromSeconds(2));
        Assert.True(await store.UpdateOutcomeAsync(record));
        Assert.Equal(Image(record), Image((await store.ReadAsync(Key))!));
        Assert.Equal(3, record.Version);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_WritesNothing()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        await store.InsertAsync([Record(Key, Start, OccurrenceStatus.Scheduled)]);
        // Two activations holding the same row: the first to write wins, the second must lose.
        var first = (await store.ReadAsync(Key))!;
        var second = (await store.ReadAsync(Key))!;
        first.Claim(Start + Duration.FromSeconds(1));
        second.Claim(Start + Duration.FromSeconds(2));
        Assert.True(await store.UpdateAsync(first));

        Assert.False(await store.UpdateAsync(second));

        Assert.Equal(1, second.Version);
        var stored = (await store.ReadAsync(Key))!;
        Assert.Equal((OccurrenceStatus.Dispatching, 1, Start + Duration.FromSeconds(1), 2), (stored.Status, stored.Attempts, stored.LastAttemptAt, stored.Version));
    }

    [Fact]
    public async Task UpdateAsync_RowOfAnotherService_WritesNothing()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await Store(database, OtherServiceId).InsertAsync([Record(Key, Start, OccurrenceStatus.Scheduled)]);
        var record = (await Store(database, OtherServiceId).ReadAsync(Key))!;
        record.MarkDelivered(Start);

        Assert.False(await Store(database).UpdateAsync(record));

        Assert.Equal(OccurrenceStatus.Scheduled, (await Store(database, OtherServiceId).ReadAsync(Key))!.Status);
    }

    [Fact]
    public async Task RoundTrip_EveryFieldSet_ReadsBackEqual()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        var record = new OccurrenceRecord
        {
            Key = "user:ada:birthday:2026",
            Entity = "user:ada",
            Series = "user:ada:birthday",
            Nominal = new LocalDateTime(2026, 1, 1, 0, 0),
            Kind = "birthday",
            LocalTime = new LocalDateTime(2026, 3, 29, 1, 30, 15),
            Due = Instant.FromUtc(2026, 3, 29, 0, 30, 15),
            Deadline = Instant.FromUtc(2026, 3, 31, 0, 30, 15),
            Status = OccurrenceStatus.DeadLettered,
            Attempts = 5,
            AttemptBudgetStart = 2,
            MaxAttempts = 7,
            Late = true,
            LastAttemptAt = Instant.FromUtc(2026, 3, 29, 0, 40, 1),
            NextAttemptAt = Instant.FromUtc(2026, 3, 29, 0, 50, 2),
            DeliveredAt = Instant.FromUtc(2026, 3, 29, 0, 41, 3),
            ClosedAt = Instant.FromUtc(2026, 3, 29, 0, 42, 4),
            Reason = OccurrenceReasons.AttemptsExhausted,
            LastError = "receiver answered 503 \"Service Unavailable\"\nline two",
            LastStatusCode = 503,
            LastResponseBody = "{\"error\":\"busy\"} ünïcødé ☃",
            Channel = "webhook",
            Target = new Uri("https://hooks.example.com/in/a%2Fb%20c?token=x%26y&z=%C3%A9"),
            TargetFromClient = true,
            Planned = Instant.FromUtc(2026, 3, 29, 0, 30, 15) + Duration.FromMilliseconds(41_282),
            ClaimedUntil = Instant.FromUtc(2026, 3, 29, 0, 40, 16),
            ClaimedBy = "S10.0.0.5:11111:123456789",
            Recipient = new() { ["email"] = "ada@example.com", ["firstName"] = "Ada \"the Countess\"", ["note"] = "ünïcødé ☃", ["empty"] = "" },
            Message = "Hey, Ada Lovelace it's your birthday",
            Guarantee = DeliveryGuarantee.AtMostOnce,
            TzdbVersion = "2025b",
            Adjustments = OccurrenceAdjustments.DstGapShifted | OccurrenceAdjustments.InvalidDateForward,
            // History keeps its instants to the tick: it is JSON, not a timestamp column.
            History =
            [
                new(Instant.FromUnixTimeTicks(17_747_000_000_001_234), "retried by request (was DeadLettered, 3 attempts)"),
                new(Instant.FromUtc(2026, 3, 29, 0, 45), "discarded by request (was Retrying)"),
            ],
        };

        await store.InsertAsync([record]);

        Assert.Equal(Image(record), Image((await store.ReadAsync(record.Key))!));
        Assert.Equal(1, record.Version);
    }

    [Fact]
    public async Task RoundTrip_NullableFieldsNullAndCollectionsEmpty_ReadBackSo()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        var record = Record(Key, Start, OccurrenceStatus.Scheduled);
        record.Recipient.Clear();

        await store.InsertAsync([record]);

        var stored = (await store.ReadAsync(Key))!;
        Assert.Equal(Image(record), Image(stored));
        Assert.Equal(
            (null, null, null, null, null, null, null, null, null, null, 0, 0),
            (stored.LastAttemptAt, stored.NextAttemptAt, stored.DeliveredAt, stored.ClosedAt, stored.Reason, stored.LastError,
             stored.LastStatusCode, stored.LastResponseBody, stored.Target, stored.TzdbVersion, stored.Recipient.Count, stored.History.Count));
    }

    [Fact]
    public void Image_CoversEveryWritableFieldOfARecord()
    {
        // The round trips compare images: a field added to the record but not to the image would go unchecked.
        var fields = typeof(OccurrenceRecord).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(fields, typeof(RecordImage).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_ReplacesAVersionZeroStub_ButNeverARowWithVersionOneOrMore()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        await store.InsertAsync(
        [
            Record("schedule:s1:20261201T090000", Start, OccurrenceStatus.DeadLettered, message: ""),
            Record("schedule:s1:20261201T100000", Start + Duration.FromHours(1), OccurrenceStatus.Delivered, message: "written by the grain"),
            Record("schedule:s1:20261201T110000", Start + Duration.FromHours(2), OccurrenceStatus.Retrying, message: "written by the grain"),
        ]);
        // As migration 0006 leaves a copied dead letter: no payload, version 0. The third row has moved on since.
        await database.ExecuteAsync("UPDATE reminders_occurrences SET version = 0 WHERE occurrence_key = 'schedule:s1:20261201T090000'");
        await database.ExecuteAsync("UPDATE reminders_occurrences SET version = 3 WHERE occurrence_key = 'schedule:s1:20261201T110000'");
        var imported = new[]
        {
            Record("schedule:s1:20261201T090000", Start, OccurrenceStatus.DeadLettered, message: "from grain state"),
            Record("schedule:s1:20261201T100000", Start + Duration.FromHours(1), OccurrenceStatus.DeadLettered, message: "from grain state"),
            Record("schedule:s1:20261201T110000", Start + Duration.FromHours(2), OccurrenceStatus.Delivered, message: "from grain state"),
            Record("schedule:s1:20261201T120000", Start + Duration.FromHours(3), OccurrenceStatus.Delivered, message: "from grain state"),
        };
        imported[0].Recipient["firstName"] = "Ada";

        await store.ImportAsync(imported);

        var stub = (await store.ReadAsync("schedule:s1:20261201T090000"))!;
        Assert.Equal(Image(imported[0]) with { Version = 1 }, Image(stub));
        Assert.Equal(
            ["schedule:s1:20261201T090000 DeadLettered 1 from grain state", "schedule:s1:20261201T100000 Delivered 1 written by the grain",
             "schedule:s1:20261201T110000 Retrying 3 written by the grain", "schedule:s1:20261201T120000 Delivered 1 from grain state"],
            (await store.ListAsync(new OccurrenceQuery(10))).Select(r => $"{r.Key} {r.Status} {r.Version} {r.Message}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_AgainAfterTheGrainMovedOn_LeavesTheGrainsRow()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        await store.ImportAsync([Record(Key, Start, OccurrenceStatus.DeadLettered, message: "once")]);
        var stored = (await store.ReadAsync(Key))!;
        stored.Retry(Start + Duration.FromHours(1), Start + Duration.FromDays(2));
        Assert.True(await store.UpdateAsync(stored));

        // An activation that died before clearing its state imports again: the grain's newer write stands.
        await store.ImportAsync([Record(Key, Start, OccurrenceStatus.DeadLettered, message: "twice")]);

        Assert.Equal(Image(stored), Image((await store.ReadAsync(Key))!));
    }
}
