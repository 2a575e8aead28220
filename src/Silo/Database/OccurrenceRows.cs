using System.Text.Json;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;

namespace Reminders.Silo.Database;

/// <summary>How an <see cref="OccurrenceRecord"/> maps to a row of <c>reminders_occurrences</c> (migration 0006) and back.</summary>
internal static class OccurrenceRows
{
    /// <summary>
    /// Every column but service_id, in the order <see cref="AddInsertValues"/> binds and <see cref="Read"/> reads them:
    /// those fixed when the occurrence falls due, then those a transition may change (in <see cref="UpdateAssignments"/>'s
    /// order), then the version, then those added by later migrations (fixed when the occurrence falls due).
    /// </summary>
    public const string Columns =
        "occurrence_key, entity, series, nominal, kind, local_time, due_utc, max_attempts, late, channel, target, recipient, " +
        "message, guarantee, tzdb_version, adjustments, " +
        "deadline_utc, status, attempts, attempt_budget_start, last_attempt_utc, next_attempt_utc, delivered_utc, closed_utc, " +
        "reason, last_error, last_status_code, last_response_body, history, " +
        "version, target_from_client, planned_utc, attempt_log, claimed_until, claimed_by";

    /// <summary>$2 .. $36: the values of <see cref="Columns"/> (service_id is $1).</summary>
    public static string InsertPlaceholders { get; } = string.Join(", ", Enumerable.Range(2, 35).Select(i => "$" + i));

    public static void AddInsertValues(NpgsqlParameterCollection parameters, OccurrenceRecord r, int version)
    {
        parameters.Add(Text(r.Key));
        parameters.Add(Text(r.Entity));
        parameters.Add(Text(r.Series));
        parameters.Add(Local(r.Nominal));
        parameters.Add(Text(r.Kind));
        parameters.Add(Local(r.LocalTime));
        parameters.Add(Utc(r.Due));
        parameters.Add(Int(r.MaxAttempts));
        parameters.Add(new NpgsqlParameter { Value = r.Late, NpgsqlDbType = NpgsqlDbType.Boolean });
        parameters.Add(Text(r.Channel));
        parameters.Add(Text(r.Target?.ToString()));
        parameters.Add(Json(JsonSerializer.Serialize(r.Recipient)));
        parameters.Add(Text(r.Message));
        parameters.Add(Text(GuaranteeName(r.Guarantee)));
        parameters.Add(Text(r.TzdbVersion));
        parameters.Add(Int((int)r.Adjustments));
        AddChangeableValues(parameters, r);
        parameters.Add(Int(version));
        parameters.Add(new NpgsqlParameter { Value = (object?)r.TargetFromClient ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
        parameters.Add(Utc(r.Planned));
        parameters.Add(Json(AttemptLog(r)));
        AddClaimValues(parameters, r);
    }

    /// <summary>The columns a transition may change, as SET assignments from $3 on ($1 service, $2 key).</summary>
    public const string UpdateAssignments =
        "deadline_utc = $3, status = $4, attempts = $5, attempt_budget_start = $6, last_attempt_utc = $7, next_attempt_utc = $8, " +
        "delivered_utc = $9, closed_utc = $10, reason = $11, last_error = $12, last_status_code = $13, last_response_body = $14, " +
        "history = $15, attempt_log = $17, claimed_until = $18, claimed_by = $19, version = version + 1";

    /// <summary>
    /// Binds $2 (key), the <see cref="UpdateAssignments"/> values, $16, the version the row must still have, $17, the
    /// attempt log, and $18 and $19, the claim's lease.
    /// </summary>
    public static void AddUpdateValues(NpgsqlParameterCollection parameters, OccurrenceRecord r)
    {
        parameters.Add(Text(r.Key));
        AddChangeableValues(parameters, r);
        parameters.Add(Int(r.Version));
        parameters.Add(Json(AttemptLog(r)));
        AddClaimValues(parameters, r);
    }

    /// <summary>Reads a row selected with <see cref="Columns"/>.</summary>
    public static OccurrenceRecord Read(NpgsqlDataReader reader)
    {
        // The table's check constraint admits only names that parse.
        if (!OccurrenceStatusNames.TryParse(reader.GetString(17), out var status))
        {
            throw new InvalidDataException($"Unknown occurrence status '{reader.GetString(17)}'.");
        }

        return new OccurrenceRecord
        {
            Key = reader.GetString(0),
            Entity = reader.GetString(1),
            Series = reader.GetString(2),
            Nominal = LocalDateTime.FromDateTime(reader.GetDateTime(3)),
            Kind = reader.GetString(4),
            LocalTime = LocalDateTime.FromDateTime(reader.GetDateTime(5)),
            Due = Instant.FromDateTimeUtc(reader.GetDateTime(6)),
            MaxAttempts = reader.GetInt32(7),
            Late = reader.GetBoolean(8),
            Channel = reader.GetString(9),
            Target = TextOrNull(reader, 10) is { } target ? new Uri(target) : null,
            Recipient = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(11)) ?? [],
            Message = reader.GetString(12),
            Guarantee = reader.GetString(13) == GuaranteeName(DeliveryGuarantee.AtMostOnce) ? DeliveryGuarantee.AtMostOnce : DeliveryGuarantee.AtLeastOnce,
            TzdbVersion = TextOrNull(reader, 14),
            Adjustments = (OccurrenceAdjustments)reader.GetInt32(15),
            Deadline = Instant.FromDateTimeUtc(reader.GetDateTime(16)),
            Status = status,
            Attempts = reader.GetInt32(18),
            AttemptBudgetStart = reader.GetInt32(19),
            LastAttemptAt = UtcOrNull(reader, 20),
            NextAttemptAt = UtcOrNull(reader, 21),
            DeliveredAt = UtcOrNull(reader, 22),
            ClosedAt = UtcOrNull(reader, 23),
            Reason = TextOrNull(reader, 24),
            LastError = TextOrNull(reader, 25),
            LastStatusCode = reader.IsDBNull(26) ? null : reader.GetInt32(26),
            LastResponseBody = TextOrNull(reader, 27),
            History = [.. (JsonSerializer.Deserialize<List<HistoryEntry>>(reader.GetString(28)) ?? []).Select(h => new OccurrenceEvent(Instant.FromUnixTimeTicks(h.Ticks), h.What))],
            Version = reader.GetInt32(29),
            TargetFromClient = reader.IsDBNull(30) ? null : reader.GetBoolean(30),
            Planned = UtcOrNull(reader, 31),
            AttemptLog = reader.IsDBNull(32) ? [] : [.. (JsonSerializer.Deserialize<List<AttemptEntry>>(reader.GetString(32)) ?? []).Select(a => a.ToAttempt())],
            ClaimedUntil = UtcOrNull(reader, 33),
            ClaimedBy = TextOrNull(reader, 34),
        };
    }

    public static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter Int(int? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer };

    public static NpgsqlParameter Utc(Instant? value) =>
        new() { Value = value is { } instant ? instant.ToDateTimeUtc() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static void AddChangeableValues(NpgsqlParameterCollection parameters, OccurrenceRecord r)
    {
        parameters.Add(Utc(r.Deadline));
        parameters.Add(Text(OccurrenceStatusNames.Of(r.Status)));
        parameters.Add(Int(r.Attempts));
        parameters.Add(Int(r.AttemptBudgetStart));
        parameters.Add(Utc(r.LastAttemptAt));
        parameters.Add(Utc(r.NextAttemptAt));
        parameters.Add(Utc(r.DeliveredAt));
        parameters.Add(Utc(r.ClosedAt));
        parameters.Add(Text(r.Reason));
        parameters.Add(Text(r.LastError));
        parameters.Add(Int(r.LastStatusCode));
        parameters.Add(Text(r.LastResponseBody));
        parameters.Add(Json(History(r)));
    }

    // Written by the claim, and kept by the transitions after it: the row says who last claimed it, and until when.
    private static void AddClaimValues(NpgsqlParameterCollection parameters, OccurrenceRecord r)
    {
        parameters.Add(Utc(r.ClaimedUntil));
        parameters.Add(Text(r.ClaimedBy));
    }

    private static NpgsqlParameter Local(LocalDateTime value) => new() { Value = value.ToDateTimeUnspecified(), NpgsqlDbType = NpgsqlDbType.Timestamp };

    private static NpgsqlParameter Json(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static string GuaranteeName(DeliveryGuarantee guarantee) => guarantee == DeliveryGuarantee.AtMostOnce ? "atMostOnce" : "atLeastOnce";

    // Ticks, not a formatted instant: the history must read back exactly as it was written.
    private static string History(OccurrenceRecord r) =>
        JsonSerializer.Serialize(r.History.Select(h => new HistoryEntry(h.At.ToUnixTimeTicks(), h.What)));

    private static Instant? UtcOrNull(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Instant.FromDateTimeUtc(reader.GetDateTime(ordinal));

    private static string? TextOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private sealed record HistoryEntry(long Ticks, string What);

    private static string AttemptLog(OccurrenceRecord r) =>
        JsonSerializer.Serialize(r.AttemptLog.Select(a => new AttemptEntry(a.Number, a.StartedUtc.ToUnixTimeTicks(), a.Outcome, a.StatusCode, a.Error)));

    private sealed record AttemptEntry(int Number, long Ticks, string Outcome, int? Status, string? Error)
    {
        public OccurrenceAttempt ToAttempt() => new(Number, Instant.FromUnixTimeTicks(Ticks), Outcome, Status, Error);
    }
}
