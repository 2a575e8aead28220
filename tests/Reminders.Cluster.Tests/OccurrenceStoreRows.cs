using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Orleans.Configuration;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;
using Reminders.Silo.Database;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>Ledger rows for the store tests: a store of one service, records in a given state, and a comparable image of a record.</summary>
internal static class OccurrenceStoreRows
{
    public const string ServiceId = "svc";

    public const string OtherServiceId = "other-svc";

    /// <summary>Whole seconds: PostgreSQL keeps microseconds, so finer instants would not read back equal.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 12, 1, 9, 0);

    public static PostgresOccurrenceStore Store(PostgresDatabase database, string serviceId = ServiceId) => Store(database.DataSource, serviceId);

    public static PostgresOccurrenceStore Store(NpgsqlDataSource dataSource, string serviceId = ServiceId) =>
        new(dataSource, new DatabaseConnections(dataSource, NullLogger<DatabaseConnections>.Instance), Options.Create(new ClusterOptions { ServiceId = serviceId }));

    /// <summary>
    /// A record of a schedule's occurrence: the entity is the key's first two parts, the series the entity, the
    /// nominal period the due time; closed statuses closed a minute after due unless <paramref name="closedAt"/> says.
    /// </summary>
    public static OccurrenceRecord Record(
        string key,
        Instant due,
        OccurrenceStatus status = OccurrenceStatus.Delivered,
        string kind = "custom",
        string? series = null,
        LocalDateTime? nominal = null,
        Instant? closedAt = null,
        string message = "m",
        DeliveryGuarantee guarantee = DeliveryGuarantee.AtLeastOnce)
    {
        var entity = string.Join(':', key.Split(':').Take(2));
        var open = status is OccurrenceStatus.Scheduled or OccurrenceStatus.Dispatching or OccurrenceStatus.Retrying;
        return new OccurrenceRecord
        {
            Key = key,
            Entity = entity,
            Series = series ?? entity,
            Nominal = nominal ?? due.InUtc().LocalDateTime,
            Kind = kind,
            LocalTime = due.InUtc().LocalDateTime,
            Due = due,
            Deadline = due + Duration.FromDays(2),
            Status = status,
            ClosedAt = closedAt ?? (open ? null : due + Duration.FromMinutes(1)),
            Recipient = new() { ["email"] = "ada@example.com" },
            Channel = "webhook",
            Message = message,
            Guarantee = guarantee,
        };
    }

    /// <summary>Every field of a record, comparable by value (the dictionary and the history as text).</summary>
    public static RecordImage Image(OccurrenceRecord r) => new(
        r.Key, r.Entity, r.Series, r.Nominal, r.Kind, r.LocalTime, r.Due, r.Deadline, r.Status, r.Attempts, r.AttemptBudgetStart,
        r.MaxAttempts, r.Late, r.LastAttemptAt, r.NextAttemptAt, r.DeliveredAt, r.ClosedAt, r.Reason, r.LastError, r.LastStatusCode,
        r.LastResponseBody, r.Channel, r.Target?.AbsoluteUri, r.TargetFromClient, r.Planned,
        string.Join('\n', r.Recipient.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
        r.Message, r.Guarantee, r.TzdbVersion, r.Adjustments,
        string.Join('\n', r.History.Select(h => $"{h.At.ToUnixTimeTicks()} {h.What}")),
        string.Join('\n', r.AttemptLog),
        r.Version, r.ClaimedUntil, r.ClaimedBy);

    /// <summary>The keys of <paramref name="records"/>, in their order.</summary>
    public static List<string> Keys(IEnumerable<OccurrenceRecord> records) => [.. records.Select(r => r.Key)];

    public sealed record RecordImage(
        string Key, string Entity, string Series, LocalDateTime Nominal, string Kind, LocalDateTime LocalTime, Instant Due, Instant Deadline,
        OccurrenceStatus Status, int Attempts, int AttemptBudgetStart, int MaxAttempts, bool Late, Instant? LastAttemptAt,
        Instant? NextAttemptAt, Instant? DeliveredAt, Instant? ClosedAt, string? Reason, string? LastError, int? LastStatusCode,
        string? LastResponseBody, string Channel, string? Target, bool? TargetFromClient, Instant? Planned, string Recipient, string Message,
        Grains.Interfaces.Schedules.DeliveryGuarantee Guarantee, string? TzdbVersion, OccurrenceAdjustments Adjustments,
        string History, string AttemptLog, int Version, Instant? ClaimedUntil, string? ClaimedBy);
}
