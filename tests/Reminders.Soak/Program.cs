using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace Reminders.Soak;

/// <summary>Runs the soak (see <see cref="SoakSettings.Usage"/>) and exits 0 when the checker passes, 1 when it does not.</summary>
internal static class Program
{
    // An occurrence due within this of a change (sent to answered) may follow either definition; see README "Soak".
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static async Task<int> Main(string[] args)
    {
        SoakSettings settings;
        try
        {
            settings = SoakSettings.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n\n{SoakSettings.Usage}");
            return 2;
        }

        var random = new Random(settings.Seed);
        var window = TimeSpan.FromMinutes(settings.Minutes);
        var now = TimeProvider.System.GetUtcNow();

        // The users' birthday herd falls due at a whole minute in the middle of the window (after start-up and creation).
        var birthday = CeilingMinute(now + TimeSpan.FromMinutes(3) + window / 2);
        Console.WriteLine($"soak: seed {settings.Seed}, {settings.Minutes} min, {settings.Schedules} schedules, {settings.Users} users (birthday herd at {birthday:HH:mm} UTC)");

        await using var cluster = await SoakCluster.StartAsync(settings.Seed, TimeOnly.FromDateTime(birthday.UtcDateTime));

        // A hard timeout (scripts/soak.sh) or Ctrl+C ends the run, but through the disposal above: the silos and the
        // soak's own PostgreSQL must not outlive it.
        using var aborted = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Abort);
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Abort);
        var run = RunAsync(settings, cluster, random, birthday, now);
        var ended = await Task.WhenAny(run, Task.Delay(Timeout.Infinite, aborted.Token).ContinueWith(_ => 124, TaskScheduler.Default));
        if (ended != run)
        {
            Console.WriteLine("SOAK ABORTED: stopped by a signal before the check; cleaning up");
        }

        return await ended;

        void Abort(PosixSignalContext context)
        {
            context.Cancel = true;
            aborted.Cancel();
        }
    }

    private static async Task<int> RunAsync(SoakSettings settings, SoakCluster cluster, Random random, DateTimeOffset birthday, DateTimeOffset now)
    {
        var window = TimeSpan.FromMinutes(settings.Minutes);
        Console.WriteLine($"soak: {SoakCluster.Workers + 1} silos active after {(TimeProvider.System.GetUtcNow() - now).TotalSeconds:F0} s; receiver {cluster.Receiver.Profile.Describe()}");

        var workload = new Workload(cluster, random);
        var lead = TimeSpan.FromSeconds(15) + TimeSpan.FromMilliseconds(25) * (settings.Schedules + settings.Users);
        var created = TimeProvider.System.GetUtcNow();
        await workload.CreateAsync(settings.Schedules, settings.Users, lead, birthday, created + lead + window);
        var windowStart = TimeProvider.System.GetUtcNow();
        var windowEnd = windowStart + window;
        Console.WriteLine($"soak: created in {(windowStart - created).TotalSeconds:F0} s; window {windowStart:HH:mm:ss}-{windowEnd:HH:mm:ss} UTC");

        using (var stop = new CancellationTokenSource(window))
        {
            var chaos = new ChaosLoop(cluster, new Random(random.Next()));
            var perSecond = Math.Max(0.5, (settings.Schedules + settings.Users) * 0.3 / window.TotalSeconds);
            await Task.WhenAll(chaos.RunUntilAsync(stop.Token), workload.ChangeUntilAsync(perSecond, stop.Token));
            chaos.RestartStopped();
            await DrainAsync(cluster, workload, windowEnd, settings.Drain);
            var end = TimeProvider.System.GetUtcNow();

            var checker = new SoakChecker(Grace, SoakCluster.AttemptTimeout);
            var result = checker.Check(workload.Entities, chaos.Events, cluster.Receiver.Received, windowStart, windowEnd, end);
            Console.WriteLine($"soak: {workload.Summary}");
            Console.WriteLine($"soak: {chaos.Events.Count} faults: {chaos.Events.Count(e => e.Kind == "kill -9")} kill -9, {chaos.Events.Count(e => e.Kind.StartsWith("SIGTERM", StringComparison.Ordinal))} SIGTERM, {chaos.Events.Count(e => e.Target == "database")} database restarts");
            Console.WriteLine($"soak: receiver {cluster.Receiver.Summary.ToLine()}");
            result.Print(Console.Out, await LedgerAsync(cluster, result.Missing.Select(m => m.Occurrence.Key).Take(25).ToList()));
            PrintTimelines(workload, result);
            if (!cluster.ApiAlive)
            {
                Console.WriteLine($"SOAK FAILED: the API silo died; its log ends:\n{cluster.ApiOutputTail}");
                return 1;
            }

            return result.Passed ? 0 : 1;
        }
    }

    /// <summary>Waits until every occurrence required in the window was accepted, or the drain time is up.</summary>
    private static async Task DrainAsync(SoakCluster cluster, Workload workload, DateTimeOffset windowEnd, TimeSpan drain)
    {
        var required = workload.Entities.SelectMany(e => e.Required(windowEnd, Grace)).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var deadline = TimeProvider.System.GetUtcNow() + drain;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var accepted = cluster.Receiver.Accepted.ToHashSet(StringComparer.Ordinal);
            var left = required.Count(k => !accepted.Contains(k));
            if (left == 0)
            {
                break;
            }

            Console.WriteLine($"soak: draining, {left} of {required.Count} required occurrences not accepted yet");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>What the service's ledger says of some keys: only to explain a miss, never to decide one.</summary>
    private static async Task<Dictionary<string, string>> LedgerAsync(SoakCluster cluster, List<string> keys)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return rows;
        }

        await using var source = NpgsqlDataSource.Create(cluster.Database.ConnectionString);
        await using var command = source.CreateCommand(
            "SELECT occurrence_key, status, attempts, coalesce(reason, ''), coalesce(last_error, '') FROM reminders_occurrences WHERE service_id = @service AND occurrence_key = ANY(@keys)");
        command.Parameters.AddWithValue("service", cluster.ServiceId);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = string.Create(CultureInfo.InvariantCulture,
                $"{reader.GetString(1)} after {reader.GetInt32(2)} attempts {reader.GetString(3)} {reader.GetString(4)}").Trim();
        }

        return rows;
    }

    /// <summary>The change log of each entity with a missing or unexpected key, to tell the service's fault from the soak's.</summary>
    private static void PrintTimelines(Workload workload, SoakResult result)
    {
        var involved = result.Missing.Select(m => m.Occurrence.Key).Concat(result.Unexpected.Select(u => u.Key))
            .Select(key => key.Split(':')[1])
            .ToHashSet(StringComparer.Ordinal);
        foreach (var entity in workload.Entities.Where(e => involved.Contains(e.Id)).Take(10))
        {
            Console.WriteLine($"  {entity.Id}:");
            foreach (var change in entity.Changes)
            {
                var shape = change.Shape switch
                {
                    null => "paused or deleted",
                    MinutelySchedule dense => $"{dense.Rule} from {dense.Start:s} {dense.Zone}",
                    var other => other.ToString(),
                };
                Console.WriteLine($"    sent {change.Sent:HH:mm:ss.fff} answered {change.Answered:HH:mm:ss.fff}: {shape}");
            }
        }
    }

    private static DateTimeOffset CeilingMinute(DateTimeOffset at) =>
        new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero).AddMinutes(1);
}
