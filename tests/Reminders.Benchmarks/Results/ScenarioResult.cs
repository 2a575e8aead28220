namespace Reminders.Benchmarks.Results;

/// <summary>One system's figures in one scenario, in the order they are printed.</summary>
public sealed record ScenarioResult(string Scenario, string System, IReadOnlyList<KeyValuePair<string, object?>> Metrics)
{
    public object? this[string metric] => Metrics.FirstOrDefault(m => m.Key == metric).Value;
}
