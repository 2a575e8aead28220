using System.Globalization;
using Npgsql;
using Reminders.FaultInjection;
using Reminders.Testing;

namespace Reminders.Soak;

/// <summary>
/// The system under soak: a PostgreSQL server of its own, the faulty receiver, the API silo (the gateway the
/// workload talks to, left alone by the chaos) and three worker silos that the chaos kills and restarts.
/// </summary>
public sealed class SoakCluster : IAsyncDisposable
{
    public const int Workers = 3;

    /// <summary>The attempt timeout the silos run with: a hang costs this much, and a copy after a crash is possible within it.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    private readonly string _cluster = "soak-" + Guid.NewGuid().ToString("N")[..10];
    private readonly int _apiPort = FreeTcpPort.Next();
    private readonly SiloProcess?[] _workers = new SiloProcess?[Workers];
    private readonly List<SiloProcess> _exited = [];
    private readonly TimeOnly _birthdayAt;
    private SiloProcess _api = null!;

    private SoakCluster(PostgresServer database, FaultyReceiver receiver, TimeOnly birthdayAt)
    {
        Database = database;
        Receiver = receiver;
        _birthdayAt = birthdayAt;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public PostgresServer Database { get; }

    public FaultyReceiver Receiver { get; }

    public HttpClient Http { get; }

    public string ServiceId => _cluster;

    /// <summary>Starts everything and waits until the four silos are active and the API is ready.</summary>
    /// <param name="birthdayAt">The birthday kind's local time, the same on every silo.</param>
    public static async Task<SoakCluster> StartAsync(int seed, TimeOnly birthdayAt)
    {
        var database = await PostgresServer.StartAsync();
        var receiver = await FaultyReceiver.StartAsync(new FaultProfile
        {
            ErrorShare = 0.10,
            HangShare = 0.05,
            HangDuration = TimeSpan.FromSeconds(30),
            Seed = seed,
        });
        var cluster = new SoakCluster(database, receiver, birthdayAt);
        cluster._api = SiloProcess.Start("api", "Api", "Reminders.Api.dll", cluster.Environment());
        for (var i = 0; i < Workers; i++)
        {
            cluster.StartWorker(i);
        }

        await Eventually.HoldsAsync(async () => await cluster.ActiveSilosAsync() == Workers + 1, "the four silos are active", TimeSpan.FromMinutes(3));
        await Eventually.HoldsAsync(cluster.ReadyAsync, "the API is ready", TimeSpan.FromMinutes(1));
        return cluster;
    }

    public bool IsRunning(int worker) => _workers[worker] is { HasExited: false };

    public void StartWorker(int worker) =>
        _workers[worker] = SiloProcess.Start($"worker-{worker + 1}", "Silo", "Reminders.Silo.dll", Environment());

    /// <summary>kill -9 of a worker.</summary>
    public async Task KillAsync(int worker)
    {
        var process = _workers[worker]!;
        await process.KillAsync();
        _exited.Add(process);
    }

    /// <summary>SIGTERM of a worker, waiting for it to leave (killed after the host's shutdown budget and some).</summary>
    public async Task<int?> TerminateAsync(int worker)
    {
        var process = _workers[worker]!;
        var code = await process.TerminateAsync(TimeSpan.FromSeconds(45));
        _exited.Add(process);
        if (code is not 0)
        {
            // A graceful stop should end with 0: keep what the silo said on the way out.
            var log = Path.Combine(SiloProcess.RepositoryRoot(), "artifacts", "soak", $"{process.Name}-{TimeProvider.System.GetUtcNow():HHmmss}-exit-{code?.ToString(CultureInfo.InvariantCulture) ?? "killed"}.log");
            Directory.CreateDirectory(Path.GetDirectoryName(log)!);
            await File.WriteAllTextAsync(log, process.Output);
            Console.WriteLine($"soak: {process.Name} ended with {code?.ToString(CultureInfo.InvariantCulture) ?? "a kill after 45 s"} after SIGTERM; its output: {log}");
        }

        return code;
    }

    /// <summary>Whether the API silo is still up (the chaos leaves it alone; its death ends the soak).</summary>
    public bool ApiAlive => !_api.HasExited;

    public string ApiOutputTail => _api.OutputTail;

    public async Task<long> ActiveSilosAsync()
    {
        try
        {
            await using var source = NpgsqlDataSource.Create(Database.ConnectionString);
            await using var command = source.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3");
            command.Parameters.AddWithValue("cluster", _cluster);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return 0; // the schema is still being created, or the server is restarting
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var worker in _workers.OfType<SiloProcess>().Concat(_exited))
        {
            await worker.DisposeAsync();
        }

        await _api.DisposeAsync();
        await Receiver.DisposeAsync();
        await Database.DisposeAsync();
    }

    private async Task<bool> ReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/health/ready");
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    // Ports are new on every start: a killed silo's address stays in the membership table until declared dead.
    private Dictionary<string, string> Environment() => new()
    {
        ["ConnectionStrings__Reminders"] = Database.ConnectionString,
        ["Reminders__Cluster__ClusterId"] = _cluster,
        ["Reminders__Cluster__ServiceId"] = _cluster,
        ["Reminders__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
        ["Reminders__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
        ["Reminders__Delivery__WebhookUrl"] = Receiver.Url.ToString(),
        // Short retries, so that a window of minutes sees many attempts and the drain after it is short.
        ["Reminders__Delivery__AttemptTimeout"] = AttemptTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["Reminders__Delivery__RetryBaseDelay"] = "00:00:01",
        ["Reminders__Delivery__RetryMaxDelay"] = "00:00:10",
        ["Reminders__Events__Birthday__LocalTime"] = _birthdayAt.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_apiPort}",
        ["Reminders__Auth__Disabled"] = "true",
        ["Reminders__Auth__RequestsPerSecond"] = "0",
        // Per-delivery lines would cost the shared machine CPU and the soak memory: warnings only.
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Orleans.Runtime.Silo"] = "Warning",
    };
}
