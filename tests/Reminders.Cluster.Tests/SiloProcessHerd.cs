using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// An API silo and a worker silo started as real processes on real time, sharing one database, with users whose
/// birthdays all fall due at the start of the same minute: the set-up of the tests that fail a process or the
/// database in the middle of a herd.
/// </summary>
internal sealed class SiloProcessHerd : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;

    private SiloProcessHerd(string cluster, DateTimeOffset due, SiloProcess api, SiloProcess worker, NpgsqlDataSource database, HttpClient http)
    {
        Cluster = cluster;
        Due = due;
        Api = api;
        Worker = worker;
        _database = database;
        Http = http;
    }

    public string Cluster { get; }

    /// <summary>When every user's birthday message falls due.</summary>
    public DateTimeOffset Due { get; }

    public SiloProcess Api { get; }

    public SiloProcess Worker { get; }

    /// <summary>A client of the API silo.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Starts both silos against <paramref name="connectionString"/> and waits until they are active and the API is
    /// ready. The herd falls due at the start of a minute at least <paramref name="lead"/> away. Each silo may get settings
    /// of its own (<paramref name="apiSettings"/>, <paramref name="workerSettings"/>), as environment variables.
    /// </summary>
    public static async Task<SiloProcessHerd> StartAsync(
        string prefix, string connectionString, Uri receiver, TimeSpan lead,
        IReadOnlyDictionary<string, string>? apiSettings = null, IReadOnlyDictionary<string, string>? workerSettings = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var due = minute.AddMinutes(Math.Ceiling((now + lead - minute).TotalMinutes));
        var apiPort = FreeTcpPort.Next();
        var cluster = prefix + "-" + Guid.NewGuid().ToString("N")[..10];
        Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? settings)
        {
            var environment = CommonEnvironment();
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                environment[key] = value;
            }

            return environment;
        }

        Dictionary<string, string> CommonEnvironment() => new()
        {
            ["ConnectionStrings__Reminders"] = connectionString,
            ["Reminders__Cluster__ClusterId"] = cluster,
            ["Reminders__Cluster__ServiceId"] = cluster,
            ["Reminders__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Reminders__Delivery__WebhookUrl"] = receiver.ToString(),
            ["Reminders__Events__Birthday__LocalTime"] = due.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}",
            // The API process runs as Production, which otherwise needs keys; the test is one caller far above any limit.
            ["Reminders__Auth__Disabled"] = "true",
            ["Reminders__Auth__RequestsPerSecond"] = "0",
        };

        var api = SiloProcess.Start("api", "Api", "Reminders.Api.dll", Environment(apiSettings));
        var worker = SiloProcess.Start("worker", "Silo", "Reminders.Silo.dll", Environment(workerSettings));
        var herd = new SiloProcessHerd(cluster, due, api, worker, NpgsqlDataSource.Create(connectionString), new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") });
        await Eventually.HoldsAsync(async () => await herd.SilosAsync("status = 3") == 2, "both silos are active", TimeSpan.FromSeconds(90));
        await Eventually.HoldsAsync(async () => (await herd.TryGetAsync("/health/ready"))?.IsSuccessStatusCode == true, "the API is ready", TimeSpan.FromSeconds(30));
        return herd;
    }

    /// <summary>Creates <paramref name="count"/> users <c>u0</c>, <c>u1</c>, ... in UTC whose birthday is <see cref="Due"/>'s day; returns their keys.</summary>
    public async Task<IReadOnlyList<string>> CreateUsersAsync(int count)
    {
        var birthday = "1990-" + Due.ToString("MM-dd", CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(0, count).Select(i => $"u{i}").ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, cancellationToken) =>
        {
            using var response = await Http.PostAsJsonAsync("/api/v1/users", new
            {
                id, firstName = "Ada", lastName = id, email = $"{id}@example.com", birthday, timezone = "UTC",
            }, cancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        });
        Assert.True(TimeProvider.System.GetUtcNow() < Due, $"the users were created in time for {Due:O}");
        return [.. ids.Select(id => $"user:{id}:birthday:{Due.Year}")];
    }

    /// <summary>How many of this cluster's silos are in the membership table with <paramref name="condition"/> (on <c>status</c>).</summary>
    public async Task<long> SilosAsync(string condition)
    {
        try
        {
            await using var command = _database.CreateCommand($"SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND {condition}");
            command.Parameters.AddWithValue("cluster", Cluster);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException)
        {
            return 0; // the schema is still being created by the first silo
        }
    }

    /// <summary>How many of this cluster's occurrences the ledger records as delivered.</summary>
    public async Task<long> DeliveredRowsAsync()
    {
        await using var command = _database.CreateCommand("SELECT count(*) FROM reminders_occurrences WHERE service_id = @cluster AND status = 'delivered'");
        command.Parameters.AddWithValue("cluster", Cluster);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Drops the test's own pooled connections, after the database server restarted under them.</summary>
    public void ForgetConnections() => _database.Clear();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Worker.DisposeAsync();
        await Api.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<HttpResponseMessage?> TryGetAsync(string path)
    {
        try
        {
            return await Http.GetAsync(path);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
