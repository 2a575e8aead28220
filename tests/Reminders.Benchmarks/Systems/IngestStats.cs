namespace Reminders.Benchmarks.Systems;

/// <summary>How creating entities over HTTP went: count, wall time, latencies and errors.</summary>
public sealed record IngestStats(int Requests, int Clients, TimeSpan Elapsed, IReadOnlyList<TimeSpan> Latencies, int Errors);
