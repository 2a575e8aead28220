using System.Diagnostics;
using System.Globalization;
using Reminders.Benchmarks.Infrastructure;
using Reminders.Benchmarks.Results;
using Reminders.Benchmarks.Scenarios;
using Reminders.Benchmarks.Systems;

namespace Reminders.Benchmarks;

/// <summary>
/// Runs the scenarios for each system in turn, prints a Markdown table per scenario and writes Markdown and JSON
/// files. Usage is in the README's performance section; every run is bounded and stops by itself.
/// </summary>
public static class Harness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchmarkOptions.From(Arguments.Parse(args));
        var started = DateTimeOffset.UtcNow;
        var postgres = new PostgresServer(await AdminConnectionStringAsync());
        var delivery = new DeliveryScenarios(postgres, Log, TimeSpan.FromSeconds(options.LeadSeconds));
        var settings = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        var results = new ResultList(started, args, settings, options.OutputDirectory);

        DeliveryScenarios.SystemFactory Factory(string system, int silos = 1) => (connection, receiver) =>
        {
            ISystemUnderTest created = system switch
            {
                "reminders" => new RemindersSystem(connection, receiver, silos, options.Clients, portOffset: silos, Path.Combine(options.OutputDirectory, "logs")),
                _ => new PeerSystem(system, connection, receiver),
            };
            return new SettingsRecorder(created, settings);
        };

        var systems = new[] { "reminders", "quartz", "hangfire" }.Where(options.Systems.Contains).ToList();
        var ingestFromHerd = (ScenarioResult?)null;
        foreach (var system in systems)
        {
            if (options.Scenarios.Contains("herd"))
            {
                results.Add(await delivery.HerdAsync("herd", $"bench_herd_{system}", Factory(system), options.HerdSize));
            }

            if (options.Scenarios.Contains("precision"))
            {
                results.Add(await delivery.PrecisionAsync($"bench_precision_{system}", Factory(system), options.PrecisionSize, options.PrecisionSpan));
            }

            if (options.Scenarios.Contains("catchup"))
            {
                results.Add(await delivery.CatchUpAsync($"bench_catchup_{system}", Factory(system), options.CatchUpSize, options.Downtime));
            }
        }

        if (options.Systems.Contains("reminders") && (options.Scenarios.Contains("scale") || options.Scenarios.Contains("ingest")))
        {
            var (scale, ingest) = await new ScaleScenario(postgres, Log).RunAsync(options.ScaleSize, options.Clients, options.IdleWindow);
            if (options.Scenarios.Contains("scale"))
            {
                results.Add(scale);
            }

            ingestFromHerd = ingest;
        }

        if (ingestFromHerd is not null && options.Scenarios.Contains("ingest"))
        {
            results.Add(ingestFromHerd);
        }

        if (options.Systems.Contains("reminders") && options.Scenarios.Contains("scaleout"))
        {
            for (var silos = options.MinSilos; silos <= options.MaxSilos; silos++)
            {
                results.Add(await delivery.HerdAsync("scale-out (herd)", $"bench_scaleout_{silos}", Factory("reminders", silos), options.HerdSize));
            }
        }

        if (options.Scenarios.Contains("recurring"))
        {
            if (!options.Systems.Contains("reminders"))
            {
                Log($"{RecurringHerdScenario.Name}: not run: it runs for Reminders only, which --systems leaves out");
            }
            else
            {
                if (systems.Count > 1)
                {
                    Log($"{RecurringHerdScenario.Name}: Reminders only; peers skipped (they keep no delivered history to measure)");
                }

                var (result, recurringSettings) = await new RecurringHerdScenario(postgres, Log)
                    .RunAsync(options.RecurringSize, options.RecurringHistory, options.RecurringSeedSpeed, options.Clients, Path.Combine(options.OutputDirectory, "logs"));
                settings[$"{result.System} ({RecurringHerdScenario.Name})"] = recurringSettings;
                results.Add(result);
            }
        }

        Console.WriteLine();
        Console.WriteLine(ResultsWriter.Markdown(results.Run));
        Log($"wrote {results.Stem}.md and {results.Stem}.json");
        return 0;
    }

    private static void Log(string message) =>
        Console.Error.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {message}");

    /// <summary>The configured server, or the repository's local one (started if needed), as the test command does.</summary>
    private static async Task<string> AdminConnectionStringAsync()
    {
        if (Environment.GetEnvironmentVariable("ConnectionStrings__Reminders") is { Length: > 0 } configured)
        {
            return configured;
        }

        var script = Path.Combine(Testing.SiloProcess.RepositoryRoot(), "scripts", "local-postgres.sh");
        using var process = Process.Start(new ProcessStartInfo(script, "start") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim().Split('\n')[^1];
    }

    private static string Machine() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

    /// <summary>The results so far, written out after every scenario so an interrupted run still leaves its figures.</summary>
    private sealed class ResultList(DateTimeOffset started, string[] args, Dictionary<string, IReadOnlyDictionary<string, string>> settings, string directory)
    {
        private readonly List<ScenarioResult> _results = [];

        public string Stem { get; } = Path.Combine(directory, $"results-{started:yyyyMMdd-HHmm}");

        public BenchmarkRun Run =>
            new(started, Machine(), "scripts/benchmark.sh " + string.Join(' ', args), _results, settings);

        public void Add(ScenarioResult result)
        {
            _results.Add(result);
            var run = Run;
            Directory.CreateDirectory(directory);
            File.WriteAllText(Stem + ".md", ResultsWriter.Markdown(run));
            File.WriteAllText(Stem + ".json", ResultsWriter.Json(run));
        }
    }

    /// <summary>Keeps each system's settings for the results, as they are known once it has started.</summary>
    private sealed class SettingsRecorder(ISystemUnderTest inner, Dictionary<string, IReadOnlyDictionary<string, string>> settings) : ISystemUnderTest
    {
        public string Name => inner.Name;

        public IReadOnlyDictionary<string, string> Settings => inner.Settings;

        public IReadOnlyList<int> ProcessIds => inner.ProcessIds;

        public string ReceivedKey(Peers.PlannedJob job) => inner.ReceivedKey(job);

        public async Task<TimeSpan?> StartAsync(IReadOnlyList<Peers.PlannedJob>? schedule, CancellationToken cancellationToken)
        {
            var elapsed = await inner.StartAsync(schedule, cancellationToken);
            settings[inner.Name] = inner.Settings;
            return elapsed;
        }

        public Task KillAsync() => inner.KillAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
