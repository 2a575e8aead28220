using System.Globalization;

namespace Reminders.Soak;

/// <summary>The checker's findings and the report printed from them.</summary>
public sealed record SoakResult(
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Required,
    int AcceptedKeys,
    IReadOnlyList<Missing> Missing,
    IReadOnlyList<Duplicate> Duplicates,
    IReadOnlyList<(string Key, DateTimeOffset At)> Unexpected,
    IReadOnlyList<TimeSpan> Lateness,
    int Early)
{
    private const int Shown = 25;

    public IReadOnlyList<Duplicate> Unexplained => [.. Duplicates.Where(d => d.ExplainedBy is null)];

    /// <summary>Nothing missing, no unexplained copy, nothing unexpected, nothing early.</summary>
    public bool Passed => Missing.Count == 0 && Unexplained.Count == 0 && Unexpected.Count == 0 && Early == 0;

    public void Print(TextWriter output, IReadOnlyDictionary<string, string>? ledger = null)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"window {WindowStart:HH:mm:ss}-{WindowEnd:HH:mm:ss} UTC: {Required} occurrences required, {Required - Missing.Count} accepted, {Missing.Count} missing; {AcceptedKeys} keys accepted in all"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lateness (first acceptance - due): p50 {Percentile(0.50):F2} s, p90 {Percentile(0.90):F2} s, p99 {Percentile(0.99):F2} s, max {Percentile(1):F2} s; {Early} more than 1 s early"));
        output.WriteLine($"copies of accepted keys: {Duplicates.Sum(d => d.Copies)} of {Duplicates.Count} keys ({Duplicates.Count - Unexplained.Count} keys explained by a fault in flight, {Unexplained.Count} unexplained)");
        foreach (var group in Duplicates.Where(d => d.ExplainedBy is not null).GroupBy(d => d.ExplainedBy!))
        {
            output.WriteLine($"  {group.Count()} keys around {group.Key}");
        }

        foreach (var duplicate in Unexplained.Take(Shown))
        {
            output.WriteLine($"  UNEXPLAINED COPY {duplicate.Key}: first accepted {duplicate.FirstAccepted:HH:mm:ss.fff}, {duplicate.Copies} copies");
        }

        output.WriteLine($"unexpected keys: {Unexpected.Count}");
        foreach (var (key, at) in Unexpected.Take(Shown))
        {
            output.WriteLine($"  UNEXPECTED {key} accepted {at:HH:mm:ss.fff}");
        }

        foreach (var missing in Missing.Take(Shown))
        {
            var faults = string.Join("; ", missing.FaultsNear);
            output.WriteLine(
                $"  MISSING {missing.Occurrence.Key} due {missing.Occurrence.Due:HH:mm:ss}{(missing.ChangedNear ? ", entity changed within 60 s" : "")}" +
                $"{(faults.Length > 0 ? ", faults within 60 s: " + faults : "")}; ledger: {ledger?.GetValueOrDefault(missing.Occurrence.Key) ?? "no row"}");
        }

        output.WriteLine(Passed ? "SOAK PASSED" : "SOAK FAILED");
    }

    private double Percentile(double share) =>
        Lateness.Count == 0 ? double.NaN : Lateness[Math.Min(Lateness.Count - 1, (int)Math.Ceiling(share * Lateness.Count) - 1 < 0 ? 0 : (int)Math.Ceiling(share * Lateness.Count) - 1)].TotalSeconds;
}
