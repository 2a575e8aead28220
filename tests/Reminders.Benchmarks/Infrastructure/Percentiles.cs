namespace Reminders.Benchmarks.Infrastructure;

/// <summary>Nearest-rank percentiles of a set of durations, in seconds.</summary>
public sealed class Percentiles(IEnumerable<TimeSpan> values)
{
    private readonly double[] _sorted = [.. values.Select(v => v.TotalSeconds).Order()];

    public int Count => _sorted.Length;

    public double? At(double percentile) =>
        _sorted.Length == 0 ? null : _sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public double? Max => _sorted.Length == 0 ? null : _sorted[^1];
}
