using System.Globalization;

namespace Reminders.Benchmarks;

/// <summary>What to run, how big, and where to write the results. Every option has a default that fits a 2-core machine.</summary>
public sealed record BenchmarkOptions
{
    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string> { "herd", "precision", "catchup", "ingest", "scale", "scaleout", "recurring" };
    public IReadOnlySet<string> Systems { get; init; } = new HashSet<string> { "reminders", "quartz", "hangfire" };
    public int HerdSize { get; init; } = 10_000;
    public int PrecisionSize { get; init; } = 300;
    public TimeSpan PrecisionSpan { get; init; } = TimeSpan.FromMinutes(3);
    public int CatchUpSize { get; init; } = 10_000;
    public TimeSpan Downtime { get; init; } = TimeSpan.FromMinutes(10);
    public int ScaleSize { get; init; } = 100_000;
    public TimeSpan IdleWindow { get; init; } = TimeSpan.FromMinutes(1);
    public int RecurringSize { get; init; } = 1_000;
    public int RecurringHistory { get; init; } = 150;
    public int RecurringSeedSpeed { get; init; } = 3600;
    public int Clients { get; init; } = 16;
    /// <summary>Seconds between start and the due instant, before the n/100 s allowed for scheduling; more on a busy machine.</summary>
    public int LeadSeconds { get; init; } = 60;
    public int MinSilos { get; init; } = 1;
    public int MaxSilos { get; init; } = 3;
    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "benchmarks");

    public static BenchmarkOptions From(Arguments args)
    {
        var defaults = new BenchmarkOptions();
        return new BenchmarkOptions
        {
            Scenarios = Set(args.Optional("scenarios")) ?? defaults.Scenarios,
            Systems = Set(args.Optional("systems")) ?? defaults.Systems,
            HerdSize = args.Number("n", defaults.HerdSize),
            PrecisionSize = args.Number("precision-n", defaults.PrecisionSize),
            PrecisionSpan = TimeSpan.FromSeconds(args.Number("precision-seconds", (int)defaults.PrecisionSpan.TotalSeconds)),
            CatchUpSize = args.Number("catchup-n", args.Number("n", defaults.CatchUpSize)),
            Downtime = TimeSpan.FromSeconds(args.Number("downtime-seconds", (int)defaults.Downtime.TotalSeconds)),
            ScaleSize = args.Number("scale-m", defaults.ScaleSize),
            IdleWindow = TimeSpan.FromSeconds(args.Number("idle-seconds", (int)defaults.IdleWindow.TotalSeconds)),
            RecurringSize = args.Number("recurring-n", defaults.RecurringSize),
            RecurringHistory = args.Number("recurring-history", defaults.RecurringHistory),
            RecurringSeedSpeed = args.Number("recurring-speed", defaults.RecurringSeedSpeed),
            Clients = args.Number("clients", defaults.Clients),
            LeadSeconds = args.Number("lead-seconds", defaults.LeadSeconds),
            MinSilos = args.Number("min-silos", defaults.MinSilos),
            MaxSilos = args.Number("max-silos", defaults.MaxSilos),
            OutputDirectory = args.Optional("out") ?? defaults.OutputDirectory,
        };
    }

    private static HashSet<string>? Set(string? list) =>
        list is null ? null : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLower(CultureInfo.InvariantCulture))];
}
