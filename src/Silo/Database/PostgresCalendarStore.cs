using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Reminders.Grains.Calendars;

namespace Reminders.Silo.Database;

/// <summary>The calendar tables <c>reminders_calendars</c> and <c>reminders_calendar_uses</c> (migration 0014), one service's rows.</summary>
public sealed class PostgresCalendarStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : ICalendarStore
{
    private const string Columns = "id, version, dates, rules, weekend";

    // A replace with the same content keeps the version: a repeated PUT re-arms nothing.
    private const string PutSql = $"""
        INSERT INTO reminders_calendars AS c (service_id, id, version, rearmed_version, dates, rules, weekend)
        VALUES ($1, $2, 1, 0, $3, $4, $5)
        ON CONFLICT (service_id, id) DO UPDATE
           SET version = c.version + 1, dates = excluded.dates, rules = excluded.rules, weekend = excluded.weekend
         WHERE (c.dates, c.rules, c.weekend) IS DISTINCT FROM (excluded.dates, excluded.rules, excluded.weekend)
        RETURNING {Columns}, (xmax = 0)
        """;

    private const string UseSql = """
        INSERT INTO reminders_calendar_uses (service_id, calendar_id, schedule_id) VALUES ($1, $2, $3)
        ON CONFLICT DO NOTHING
        """;

    private const string ForeignKeyViolation = "23503";

    public async Task<CalendarDefinition?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = Command($"SELECT {Columns} FROM reminders_calendars WHERE service_id = $1 AND id = $2", Text(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<CalendarDefinition>> ListAsync(string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            $"SELECT {Columns} FROM reminders_calendars WHERE service_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3",
            Text(after), OccurrenceRows.Int(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var calendars = new List<CalendarDefinition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            calendars.Add(Read(reader));
        }

        return calendars;
    }

    public async Task<(CalendarDefinition Calendar, bool Created)> PutAsync(
        string id, IReadOnlyList<LocalDate> dates, IReadOnlyList<string> rules, IReadOnlyList<IsoDayOfWeek> weekend, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            PutSql,
            Text(id),
            new NpgsqlParameter { Value = dates.Order().Select(d => d.ToDateOnly()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date },
            new NpgsqlParameter { Value = rules.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter { Value = weekend.Order().Select(d => (short)d).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return (Read(reader), reader.GetBoolean(5));
            }
        }

        // Unchanged content: no row came back; it is as stored.
        return (await GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Calendar '{id}' vanished during its write."), false);
    }

    public async Task<CalendarDeleteOutcome> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = Command("DELETE FROM reminders_calendars WHERE service_id = $1 AND id = $2", Text(id));
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? CalendarDeleteOutcome.Deleted : CalendarDeleteOutcome.NotFound;
        }
        catch (PostgresException ex) when (ex.SqlState == ForeignKeyViolation)
        {
            return CalendarDeleteOutcome.InUse;
        }
    }

    public async Task<bool> UseAsync(string scheduleId, string calendarId, CancellationToken cancellationToken = default)
    {
        await using var command = Command(UseSql, Text(calendarId), Text(scheduleId));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == ForeignKeyViolation)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(string scheduleId, string? keep, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            "DELETE FROM reminders_calendar_uses WHERE service_id = $1 AND schedule_id = $2 AND ($3::text IS NULL OR calendar_id <> $3)",
            Text(scheduleId), Text(keep));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> UsersAsync(string calendarId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            "SELECT schedule_id FROM reminders_calendar_uses WHERE service_id = $1 AND calendar_id = $2 AND ($3::text IS NULL OR schedule_id > $3) ORDER BY schedule_id LIMIT $4",
            Text(calendarId), Text(after), OccurrenceRows.Int(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var schedules = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            schedules.Add(reader.GetString(0));
        }

        return schedules;
    }

    public async Task<IReadOnlyList<(string Id, int Version)>> PendingRearmAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            "SELECT id, version FROM reminders_calendars WHERE service_id = $1 AND rearmed_version < version ORDER BY id LIMIT $2",
            OccurrenceRows.Int(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new List<(string, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return pending;
    }

    public async Task MarkRearmedAsync(string id, int version, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            "UPDATE reminders_calendars SET rearmed_version = $3 WHERE service_id = $1 AND id = $2 AND rearmed_version < $3",
            Text(id), OccurrenceRows.Int(version));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(Text(cluster.Value.ServiceId));
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string? value) => OccurrenceRows.Text(value);

    private static CalendarDefinition Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        [.. reader.GetFieldValue<DateOnly[]>(2).Select(LocalDate.FromDateOnly)],
        reader.GetFieldValue<string[]>(3),
        [.. reader.GetFieldValue<short[]>(4).Select(d => (IsoDayOfWeek)d)]);
}
