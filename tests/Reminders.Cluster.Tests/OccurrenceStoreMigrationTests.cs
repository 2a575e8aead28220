using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;
using Reminders.Silo.Database;
using Reminders.Testing;
using static Reminders.Cluster.Tests.OccurrenceStoreRows;

namespace Reminders.Cluster.Tests;

/// <summary>Migration 0006 on a database that has the dead-letter index of 0005: its rows move into the ledger table.</summary>
public sealed class OccurrenceStoreMigrationTests
{
    private static readonly Instant BirthdayDue = Instant.FromUtc(2025, 12, 10, 9, 0);
    private static readonly Instant BirthdayClosed = Instant.FromUtc(2025, 12, 10, 10, 30);
    private static readonly Instant StandupDue = Instant.FromUtc(2025, 3, 1, 14, 0);
    private static readonly Instant StandupClosed = Instant.FromUtc(2025, 3, 1, 14, 0, 10);

    [Fact]
    public async Task Migrate_FromVersionFiveWithDeadLetters_CopiesThemAsVersionZeroRowsAndDropsTheIndex()
    {
        await using var database = await PostgresDatabase.CreateAsync(migrate: false);
        await MigrateToAsync(database, 5);
        await InsertDeadLetterAsync(database, ServiceId, "user:ada:birthday:2025", "user:ada", "birthday", "deadLettered", OccurrenceReasons.AttemptsExhausted,
            BirthdayDue, BirthdayClosed, 10, 503, "receiver answered 503 Service Unavailable", "{\"error\":\"busy\"}");
        await InsertDeadLetterAsync(database, ServiceId, "schedule:standup:20250301T090000", "schedule:standup", "custom", "uncertain", null,
            StandupDue, StandupClosed, 1, null, "timed out after 00:00:10", null);
        await InsertDeadLetterAsync(database, OtherServiceId, "user:bob:anniversary:2019", "user:bob", "anniversary", "deadLettered", OccurrenceReasons.PermanentFailure,
            BirthdayDue, BirthdayClosed, 1, 410, "receiver answered 410 Gone", "gone");

        var applied = await new SchemaMigrator(database.DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Equal(Migration.All.Where(m => m.Version > 5).Select(m => m.Version), applied.Select(m => m.Version));
        Assert.Equal(
            Image(Stub("user:ada:birthday:2025", "user:ada", "user:ada:birthday", new LocalDateTime(2025, 1, 1, 0, 0), "birthday",
                BirthdayDue, BirthdayClosed, OccurrenceStatus.DeadLettered, OccurrenceReasons.AttemptsExhausted, 10, 503,
                "receiver answered 503 Service Unavailable", "{\"error\":\"busy\"}")),
            Image((await Store(database).ReadAsync("user:ada:birthday:2025"))!));
        // A schedule is one series; its nominal period and local time are the local date-time its key names.
        Assert.Equal(
            Image(Stub("schedule:standup:20250301T090000", "schedule:standup", "schedule:standup", new LocalDateTime(2025, 3, 1, 9, 0), "custom",
                StandupDue, StandupClosed, OccurrenceStatus.Uncertain, null, 1, null, "timed out after 00:00:10", null,
                localTime: new LocalDateTime(2025, 3, 1, 9, 0))),
            Image((await Store(database).ReadAsync("schedule:standup:20250301T090000"))!));
        Assert.Equal(
            (OccurrenceStatus.DeadLettered, "user:bob:anniversary", new LocalDateTime(2019, 1, 1, 0, 0), 0),
            await Store(database, OtherServiceId).ReadAsync("user:bob:anniversary:2019") is { } bob ? (bob.Status, bob.Series, bob.Nominal, bob.Version) : default);
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM reminders_occurrences WHERE service_id = @s", ("s", ServiceId)));
        Assert.True(await database.ScalarAsync<bool>("SELECT to_regclass('reminders_dead_letters') IS NULL"));
    }

    [Fact]
    public async Task Migrate_CopiedDeadLetters_AreListedAndReplacedByTheGrainsImport()
    {
        await using var database = await PostgresDatabase.CreateAsync(migrate: false);
        await MigrateToAsync(database, 5);
        await InsertDeadLetterAsync(database, ServiceId, "user:ada:birthday:2025", "user:ada", "birthday", "deadLettered", OccurrenceReasons.AttemptsExhausted,
            BirthdayDue, BirthdayClosed, 10, 503, "receiver answered 503 Service Unavailable", "busy");
        await new SchemaMigrator(database.DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var store = Store(database);
        var listed = await store.ListAwaitingOperatorAsync(OccurrenceStatus.DeadLettered, "birthday", after: null, limit: 10);
        var fromState = Record("user:ada:birthday:2025", BirthdayDue, OccurrenceStatus.DeadLettered, kind: "birthday",
            series: "user:ada:birthday", nominal: new LocalDateTime(2025, 1, 1, 0, 0), closedAt: BirthdayClosed, message: "Hey, Ada Lovelace it's your birthday");

        await store.ImportAsync([fromState]);

        Assert.Equal(["user:ada:birthday:2025"], Keys(listed));
        Assert.Equal(Image(fromState) with { Version = 1 }, Image((await store.ReadAsync("user:ada:birthday:2025"))!));
    }

    /// <summary>Applies migrations 1 to <paramref name="version"/> as the migrator does, recording each in reminders_schema_version.</summary>
    private static async Task MigrateToAsync(PostgresDatabase database, int version)
    {
        await database.ExecuteAsync("""
            CREATE TABLE reminders_schema_version (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """);
        foreach (var migration in Migration.All.Where(m => m.Version <= version))
        {
            await database.ExecuteAsync(migration.Sql);
            await database.ExecuteAsync(
                "INSERT INTO reminders_schema_version (version, name, checksum) VALUES (@version, @name, @checksum)",
                ("version", migration.Version), ("name", migration.Name), ("checksum", migration.Checksum));
        }
    }

    private static Task<int> InsertDeadLetterAsync(
        PostgresDatabase database, string serviceId, string key, string entity, string kind, string status, string? reason,
        Instant due, Instant closed, int attempts, int? statusCode, string? error, string? body) =>
        database.ExecuteAsync(
            """
            INSERT INTO reminders_dead_letters (service_id, occurrence_key, entity, kind, status, reason, due_utc, closed_utc, attempts,
                                                last_status_code, last_error, last_response_body)
            VALUES (@service, @key, @entity, @kind, @status, @reason, @due, @closed, @attempts, @code, @error, @body)
            """,
            ("service", serviceId), ("key", key), ("entity", entity), ("kind", kind), ("status", status), ("reason", (object?)reason ?? DBNull.Value),
            ("due", due.ToDateTimeUtc()), ("closed", closed.ToDateTimeUtc()), ("attempts", attempts), ("code", (object?)statusCode ?? DBNull.Value),
            ("error", (object?)error ?? DBNull.Value), ("body", (object?)body ?? DBNull.Value));

    /// <summary>What the migration makes of a dead letter: its listing fields, no payload, the deadline at closing, version 0.</summary>
    private static OccurrenceRecord Stub(
        string key, string entity, string series, LocalDateTime nominal, string kind, Instant due, Instant closed,
        OccurrenceStatus status, string? reason, int attempts, int? statusCode, string? error, string? body, LocalDateTime? localTime = null) => new()
        {
            Key = key,
            Entity = entity,
            Series = series,
            Nominal = nominal,
            Kind = kind,
            LocalTime = localTime ?? due.InUtc().LocalDateTime, // a user's key names only the year
            Due = due,
            Deadline = closed,
            Status = status,
            Attempts = attempts,
            ClosedAt = closed,
            Reason = reason,
            LastError = error,
            LastStatusCode = statusCode,
            LastResponseBody = body,
            Channel = "webhook",
            Recipient = [],
            Message = "",
            Guarantee = DeliveryGuarantee.AtLeastOnce,
            Version = 0,
        };
}
