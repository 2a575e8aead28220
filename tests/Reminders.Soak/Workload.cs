using System.Net;
using System.Net.Http.Json;

namespace Reminders.Soak;

/// <summary>
/// The entities and what is done to them: schedules of dense rules in several zones, one-shots, and users with a
/// birthday herd, created up front; then, until the window ends, edits, pauses, resumes and deletes at random.
/// Every write is retried until the API answers (the database may be down), and logged with when it was sent
/// and answered, which is all the checker knows.
/// </summary>
public sealed class Workload(SoakCluster cluster, Random random)
{
    // Offsets of whole hours, half hours and quarter hours; no DST change falls in a soak's window in these zones
    // in December (the checker refuses a local time in a gap or overlap rather than guess).
    private static readonly string[] Zones =
        ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns"];

    // Zones at UTC+0 in December, where the birthday kind's local time falls inside the window.
    private static readonly string[] BirthdayZones = ["UTC", "Europe/London", "Atlantic/Reykjavik", "Africa/Abidjan"];

    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    private readonly List<EntityTimeline> _schedules = [];
    private readonly List<EntityTimeline> _users = [];
    private readonly Lock _pick = new();
    private int _writes;
    private int _retriedWrites;
    private int _unknownWrites;
    private int _refusedWrites;

    public IEnumerable<EntityTimeline> Entities => _schedules.Concat(_users);

    public string Summary =>
        $"{_schedules.Count} schedules, {_users.Count} users; {_writes} writes during the window ({_retriedWrites} retried until answered, {_unknownWrites} never answered, {_refusedWrites} refused); " +
        $"at the end {_schedules.Count(s => s.Paused)} schedules paused, {Entities.Count(e => e.Deleted)} entities deleted";

    /// <summary>Creates the entities; schedules start <paramref name="lead"/> after now, users' birthdays are at <paramref name="birthdayAt"/> (UTC) today.</summary>
    public async Task CreateAsync(int schedules, int users, TimeSpan lead, DateTimeOffset birthdayAt, DateTimeOffset windowEnd)
    {
        // Shapes are made when sent: a one-shot must not start before the moment it is created.
        var plans = new List<(EntityTimeline Entity, string Path, Func<Shape> Shape, Func<Shape, object> Body)>();
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < schedules; i++)
        {
            var id = $"s{i}";
            var zone = Zones[random.Next(Zones.Length)];
            var start = Truncate(TimeZoneInfo.ConvertTime(now + lead, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
            var every = 1 + (i % 3);
            var delay = random.Next((int)(windowEnd - now - lead).TotalSeconds);
            Func<Shape> shape = (i % 10) switch
            {
                // One in ten is a one-shot somewhere in the window.
                9 => () => new OneShot(zone, Truncate(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow().AddSeconds(20 + delay), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime), "one-shot " + id),
                _ => () => Dense(zone, start, every, "m" + id),
            };
            plans.Add((new EntityTimeline(id), "/api/v1/schedules", shape, s => Body(s, id)));
        }

        for (var i = 0; i < users; i++)
        {
            var id = $"u{i}";

            // One in ten lives an hour east, where today's local time has passed: nothing is due this year.
            var zone = i % 10 == 9 ? "Europe/Berlin" : BirthdayZones[i % BirthdayZones.Length];
            var shape = new Birthday(zone, birthdayAt.Month, birthdayAt.Day, TimeOnly.FromTimeSpan(birthdayAt.TimeOfDay), "Lovelace");
            plans.Add((new EntityTimeline(id), "/api/v1/users", () => shape, _ => shape.Body(id)));
        }

        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (plan, _) =>
        {
            // A create retried after an unknown outcome is answered 200, the same entity.
            var shape = plan.Shape();
            var (sent, answered) = await WriteAsync(HttpMethod.Post, plan.Path, plan.Body(shape));
            plan.Entity.Add(sent, answered, shape);
        });
        _schedules.AddRange(plans.Where(p => p.Entity.Id[0] == 's').Select(p => p.Entity));
        _users.AddRange(plans.Where(p => p.Entity.Id[0] == 'u').Select(p => p.Entity));
        _writes = _retriedWrites = _unknownWrites = 0;
    }

    /// <summary>Edits, pauses, resumes and deletes at random until <paramref name="stop"/>, about <paramref name="perSecond"/> a second.</summary>
    public async Task ChangeUntilAsync(double perSecond, CancellationToken stop)
    {
        var writers = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(4 / perSecond * NextDouble()), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                await ChangeOneAsync();
            }
        });
        await Task.WhenAll(writers);
    }

    private async Task ChangeOneAsync()
    {
        EntityTimeline entity;
        int action;
        lock (_pick)
        {
            var pool = random.Next(10) < 8 ? _schedules : _users;
            if (pool.Count == 0)
            {
                return;
            }

            entity = pool[random.Next(pool.Count)];
            action = random.Next(100);
        }

        if (!entity.TryBegin())
        {
            return;
        }

        try
        {
            if (!entity.Deleted && entity.Changes.Count > 0 && entity.Changes[^1].Answered is not null)
            {
                await ChangeAsync(entity, action);
            }
        }
        finally
        {
            entity.End();
        }
    }

    private async Task ChangeAsync(EntityTimeline entity, int action)
    {
        Interlocked.Increment(ref _writes);
        var path = (entity.Id[0] == 's' ? "/api/v1/schedules/" : "/api/v1/users/") + entity.Id;
        var last = entity.Changes.Last(c => c.Shape is not null).Shape!;
        switch (entity.Id[0], action, entity.Paused)
        {
            case (_, < 5, _):
                await RecordAsync(entity, HttpMethod.Delete, path, null, null, deleted: true);
                break;
            case ('s', < 30, false):
                await RecordAsync(entity, HttpMethod.Post, path + "/pause", null, null);
                break;
            case ('s', _, true):
                await RecordAsync(entity, HttpMethod.Post, path + "/resume", null, last);
                break;
            case ('s', _, false) when last is MinutelySchedule dense:
                var edited = Dense(dense.Zone, dense.Start, 1 + random.Next(3), dense.Message + "'");
                await RecordAsync(entity, HttpMethod.Put, path, Body(edited, entity.Id), edited);
                break;
            case ('s', _, false) when last is OneShot oneShot:
                // Later only: a one-shot may not start before now.
                var soon = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow().AddSeconds(10), TimeZoneInfo.FindSystemTimeZoneById(oneShot.Zone)).DateTime;
                var moved = oneShot with { At = Truncate(oneShot.At > soon ? oneShot.At : soon).AddSeconds(1 + NextInt(60)) };
                await RecordAsync(entity, HttpMethod.Put, path, Body(moved, entity.Id), moved);
                break;
            case ('u', < 50, _) when last is Birthday birthday:
                // A birthday moved to tomorrow: nothing due today any more.
                var tomorrow = new DateOnly(2001, birthday.Month, birthday.Day).AddDays(1);
                var moved2 = birthday with { Month = tomorrow.Month, Day = tomorrow.Day };
                await RecordAsync(entity, HttpMethod.Put, path, moved2.Body(entity.Id), moved2);
                break;
            case ('u', _, _) when last is Birthday birthday:
                var renamed = birthday with { LastName = birthday.LastName + "'" };
                await RecordAsync(entity, HttpMethod.Put, path, renamed.Body(entity.Id), renamed);
                break;
        }
    }

    private async Task RecordAsync(EntityTimeline entity, HttpMethod method, string path, object? body, Shape? shape, bool deleted = false)
    {
        try
        {
            var (sent, answered) = await WriteAsync(method, path, body);
            entity.Add(sent, answered, shape, deleted);
        }
        catch (RefusedException ex)
        {
            // A refused write changes nothing (RFC 9457 problem, nothing stored): the entity carries on as it was.
            Interlocked.Increment(ref _refusedWrites);
            Console.WriteLine($"soak: {ex.Message}");
        }
    }

    /// <summary>Sends until a 2xx (or a 404 for a repeated delete); returns when it was first sent and when answered (null: never).</summary>
    private async Task<(DateTimeOffset Sent, DateTimeOffset? Answered)> WriteAsync(HttpMethod method, string path, object? body)
    {
        var sent = TimeProvider.System.GetUtcNow();
        for (var attempt = 1; TimeProvider.System.GetUtcNow() - sent < GiveUpAfter; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await cluster.Http.SendAsync(request);
                if (response.IsSuccessStatusCode || (attempt > 1 && method == HttpMethod.Delete && response.StatusCode == HttpStatusCode.NotFound))
                {
                    if (attempt > 1)
                    {
                        Interlocked.Increment(ref _retriedWrites);
                    }

                    return (sent, TimeProvider.System.GetUtcNow());
                }

                if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                {
                    throw new RefusedException($"{method} {path} was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // the API could not reach the database or a grain in time: the write may or may not have happened
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Interlocked.Increment(ref _unknownWrites);
        return (sent, null);
    }

    private MinutelySchedule Dense(string zone, DateTime start, int every, string message)
    {
        lock (_pick)
        {
            var offset = random.Next(every);
            return new MinutelySchedule(zone, start, [.. Enumerable.Range(0, 60).Where(m => m % every == offset)], random.Next(60), message);
        }
    }

    private int NextInt(int max)
    {
        lock (_pick)
        {
            return random.Next(max);
        }
    }

    private double NextDouble()
    {
        lock (_pick)
        {
            return random.NextDouble();
        }
    }

    private static object Body(Shape shape, string id) => shape switch
    {
        MinutelySchedule dense => dense.Body(id),
        OneShot oneShot => oneShot.Body(id),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private sealed class RefusedException(string message) : Exception(message);

    private static DateTime Truncate(DateTime local) => new(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second);
}
