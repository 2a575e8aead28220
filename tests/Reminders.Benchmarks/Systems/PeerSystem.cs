using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Reminders.Benchmarks.Peers;

namespace Reminders.Benchmarks.Systems;

/// <summary>A peer scheduler (Quartz.NET or Hangfire) hosted in a <c>peer</c> process of this same program.</summary>
public sealed class PeerSystem(string peer, string connectionString, Uri receiver) : ISystemUnderTest
{
    private Process? _process;
    private string? _name;
    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();

    public string Name => _name ?? peer;

    public IReadOnlyDictionary<string, string> Settings => _settings;

    public IReadOnlyList<int> ProcessIds => _process is { HasExited: false } p ? [p.Id] : [];

    public string ReceivedKey(PlannedJob job) => job.Key;

    public async Task<TimeSpan?> StartAsync(IReadOnlyList<PlannedJob>? schedule, CancellationToken cancellationToken)
    {
        List<string> args = [typeof(PeerSystem).Assembly.Location, "peer", peer, "--connection", connectionString, "--receiver", receiver.ToString()];
        string? planFile = null;
        if (schedule is not null)
        {
            planFile = Path.Combine(Path.GetTempPath(), $"reminders-bench-plan-{peer}-{Guid.NewGuid():N}.json");
            await new PeerPlan(schedule).WriteAsync(planFile);
            args.AddRange(["--plan", planFile, "--schedule"]);
        }

        var start = new ProcessStartInfo("dotnet", args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_gcServer"] = "1";
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {peer} process.");
        var errors = new System.Text.StringBuilder();
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();

        TimeSpan? scheduled = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(30));
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("SETTINGS ", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(line["SETTINGS ".Length..]);
                _name = json.RootElement.GetProperty("name").GetString() ?? peer;
                _settings = json.RootElement.GetProperty("settings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            }
            else if (line.StartsWith("SCHEDULED ", StringComparison.Ordinal))
            {
                scheduled = TimeSpan.FromMilliseconds(double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture));
            }
            else if (line == "RUNNING")
            {
                // Keep draining its output so it never blocks on a full pipe.
                _ = DrainAsync(_process);
                if (planFile is not null)
                {
                    File.Delete(planFile);
                }

                return scheduled;
            }
        }

        throw new InvalidOperationException($"The {peer} process stopped before it was running: {errors}");
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    private static async Task DrainAsync(Process process)
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is not null)
            {
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
