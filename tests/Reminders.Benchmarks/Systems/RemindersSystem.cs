using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Npgsql;
using Reminders.Benchmarks.Peers;
using Reminders.Testing;

namespace Reminders.Benchmarks.Systems;

/// <summary>
/// Our service: the API silo and <c>silos - 1</c> worker silos as real processes from the Release build, one
/// <c>custom</c> schedule per job (one-shot, or recurring with <see cref="Recurrence"/>), created over HTTP by
/// <c>clients</c> concurrent clients.
/// </summary>
public sealed class RemindersSystem(string connectionString, Uri receiver, int silos, int clients, int portOffset, string? logDirectory = null) : ISystemUnderTest
{
    private readonly List<SiloProcess> _processes = [];
    private readonly int _httpPort = 5300 + portOffset;

    public string Name => silos == 1 ? "Reminders" : $"Reminders ({silos} silos)";

    /// <summary>Makes every created schedule recurring; null creates one-shot schedules at each job's due instant.</summary>
    public ScheduleRecurrence? Recurrence { get; init; }

    /// <summary>Time travel for the next <see cref="StartAsync"/>; null runs on the real clock.</summary>
    public ServiceClock? Clock { get; set; }

    // Every herd goes to one receiver: the per-target rate limit would measure itself, not the service.
    private const int TargetRatePerSecond = 100_000;

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["silos"] = silos.ToString(CultureInfo.InvariantCulture),
        ["entity"] = Recurrence is { } recurrence
            ? $"one grain per schedule (rrule {recurrence.Rule} from each job's instant, catchUpWindow {recurrence.CatchUpWindow}, kind custom), ADO.NET storage, one Orleans reminder each"
            : "one grain per schedule (one-shot, kind custom), ADO.NET storage, one Orleans reminder each",
        ["create"] = $"POST /api/v1/schedules, {clients} concurrent clients",
        ["delivery"] = $"MaxInFlight 200 (default) and TargetRatePerSecond {TargetRatePerSecond} (raised from the default 2000, which caps a one-receiver herd at 2,000/s), both budgets of the whole cluster split among its silos, attempt timeout 10 s (default)",
        ["logging"] = "Warning (per-delivery Information logs off)",
        ["inherited settings"] = InheritedSettings(),
    };

    // The silos inherit the harness's environment, so a run can compare settings (e.g. Reminders__Ledger__BatchWrites=false).
    private static string InheritedSettings() =>
        string.Join("; ", System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("Reminders__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(k => $"{k}={System.Environment.GetEnvironmentVariable(k)}")
            .DefaultIfEmpty("none"));

    public IReadOnlyList<int> ProcessIds => [.. _processes.Where(p => !p.HasExited).Select(p => p.Id)];

    /// <summary>When the last <see cref="KillAsync"/> saw every process gone (real time): none ran past it.</summary>
    public DateTimeOffset? KilledAt { get; private set; }

    /// <summary>The last creation's HTTP figures.</summary>
    public IngestStats? LastIngest { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{_httpPort}/");

    public string ReceivedKey(PlannedJob job) => $"schedule:{job.Key}:{job.DueUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";

    public async Task<TimeSpan?> StartAsync(IReadOnlyList<PlannedJob>? schedule, CancellationToken cancellationToken)
    {
        // The ports are fixed: with another benchmark's silo on them, ours would die and the harness talk to theirs.
        foreach (var port in new[] { _httpPort }.Concat(Enumerable.Range(0, silos).SelectMany(silo => new[] { 11300 + portOffset * 10 + silo, 30300 + portOffset * 10 + silo })))
        {
            EnsureFree(port);
        }

        _processes.Add(SiloProcess.Start("api", "Api", "Reminders.Api.dll", Environment(0, ("ASPNETCORE_URLS", BaseAddress.ToString().TrimEnd('/')))));
        for (var worker = 1; worker < silos; worker++)
        {
            _processes.Add(SiloProcess.Start($"worker{worker}", "Silo", "Reminders.Silo.dll", Environment(worker)));
        }

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilAsync(async () => (await TryGetAsync(http, "/health/ready")) && await ActiveSilosAsync() >= silos, TimeSpan.FromMinutes(3), cancellationToken);
        if (schedule is null)
        {
            return null;
        }

        LastIngest = await CreateAsync(schedule, cancellationToken);
        return LastIngest.Elapsed;
    }

    /// <summary>Creates one schedule per job over HTTP, <c>clients</c> at a time.</summary>
    public async Task<IngestStats> CreateAsync(IReadOnlyList<PlannedJob> jobs, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new TimeSpan[jobs.Count];
        var errors = 0;
        var next = -1;
        var timer = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < jobs.Count; i = Interlocked.Increment(ref next))
            {
                var job = jobs[i];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsJsonAsync("/api/v1/schedules", Body(job), cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[i] = Stopwatch.GetElapsedTime(started);
            }
        }));
        return new IngestStats(jobs.Count, clients, timer.Elapsed, latencies, errors);
    }

    private Dictionary<string, object> Body(PlannedJob job)
    {
        var body = new Dictionary<string, object>
        {
            ["id"] = job.Key,
            ["kind"] = "custom",
            ["timezone"] = "Etc/UTC",
            ["start"] = job.DueUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["message"] = "benchmark",
        };
        if (Recurrence is { } recurrence)
        {
            body["rrule"] = recurrence.Rule;
            body["policy"] = new Dictionary<string, object> { ["catchUpWindow"] = recurrence.CatchUpWindow };
        }

        return body;
    }

    public async Task KillAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.KillAsync()));
        KilledAt = DateTimeOffset.UtcNow;
        foreach (var process in _processes)
        {
            await KeepLogAsync(process);
        }

        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        _processes.Clear();
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    // Each process's output (warnings and errors: retries, membership changes), appended per run of the system.
    private async Task KeepLogAsync(SiloProcess process)
    {
        if (logDirectory is null)
        {
            return;
        }

        Directory.CreateDirectory(logDirectory);
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await File.AppendAllTextAsync(Path.Combine(logDirectory, $"{database}-{process.Name}.log"), process.Output);
    }

    private static void EnsureFree(int port)
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        // As Kestrel binds: a killed silo's connections in TIME_WAIT do not count, only a live listener does.
        listener.Server.SetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.ReuseAddress, true);
        try
        {
            listener.Start();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new InvalidOperationException($"Port {port} on loopback is taken (another benchmark on this machine?); not starting.", e);
        }
        finally
        {
            listener.Stop();
        }
    }

    private Dictionary<string, string> Environment(int silo, params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Reminders"] = connectionString,
            ["Reminders__Delivery__WebhookUrl"] = receiver.ToString(),
            ["Reminders__Cluster__ClusterId"] = "bench",
            ["Reminders__Cluster__ServiceId"] = "bench",
            ["Reminders__Cluster__SiloPort"] = (11300 + portOffset * 10 + silo).ToString(CultureInfo.InvariantCulture),
            ["Reminders__Cluster__GatewayPort"] = (30300 + portOffset * 10 + silo).ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            // The API runs as Production, which needs keys unless told otherwise; the ingest is one caller far above any per-caller limit.
            ["Reminders__Auth__Disabled"] = "true",
            ["Reminders__Auth__RequestsPerSecond"] = "0",
            ["DOTNET_gcServer"] = "1",
            ["Reminders__Delivery__TargetRatePerSecond"] = TargetRatePerSecond.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra.Concat(Clock?.Environment() ?? []))
        {
            environment[key] = value;
        }

        return environment;
    }

    private async Task<int> ActiveSilosAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = 'bench' AND status = 3", connection);
            return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (PostgresException)
        {
            return 0; // the schema is not there yet
        }
    }

    private static async Task<bool> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout || _processes.Any(p => p.HasExited))
            {
                throw new TimeoutException($"{Name} did not become ready: {string.Join("\n", _processes.Select(p => p.Name + ": " + p.OutputTail))}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
