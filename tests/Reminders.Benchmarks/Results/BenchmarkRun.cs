namespace Reminders.Benchmarks.Results;

/// <summary>Everything one harness run measured, and what it ran on.</summary>
public sealed record BenchmarkRun(
    DateTimeOffset StartedUtc,
    string Machine,
    string Command,
    IReadOnlyList<ScenarioResult> Results,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Settings);
