using System.Diagnostics;

namespace Reminders.Testing;

/// <summary>
/// A PostgreSQL server of a test's own (scripts/local-postgres.sh on a free loopback port and a data folder of
/// its own), for tests that stop the database under a running cluster without touching the suite's server.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly string _data;

    private PostgresServer(int port, string data)
    {
        _data = data;
        _environment = new()
        {
            ["REMINDERS_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["REMINDERS_PG_DATA"] = data,
        };
    }

    /// <summary>The connection string of its <c>reminders</c> database.</summary>
    public string ConnectionString { get; private set; } = "";

    public static async Task<PostgresServer> StartAsync()
    {
        // Under /var/tmp, which the postgres account can reach when the tests run as root.
        var server = new PostgresServer(FreeTcpPort.Next(), Path.Combine("/var/tmp", "reminders-test-pg-" + Guid.NewGuid().ToString("N")[..12]));
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again), waiting until it accepts connections.</summary>
    public async Task StartAgainAsync() => ConnectionString = (await RunAsync("start")).Trim();

    /// <summary>Stops the server as a crash would: <c>pg_ctl stop -m immediate</c>, no checkpoint, every connection cut.</summary>
    public Task StopHardAsync() => RunAsync("stop", ("REMINDERS_PG_STOP_MODE", "immediate"));

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop", ("REMINDERS_PG_STOP_MODE", "immediate"));
        Directory.Delete(_data, recursive: true);
    }

    private async Task<string> RunAsync(string command, params (string Name, string Value)[] extra)
    {
        var start = new ProcessStartInfo(Path.Combine(SiloProcess.RepositoryRoot(), "scripts", "local-postgres.sh"), [command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in _environment.Concat(extra.Select(e => KeyValuePair.Create(e.Name, e.Value))))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"local-postgres.sh {command} exited with {process.ExitCode}: {await errors}");
        }

        return await output;
    }
}
