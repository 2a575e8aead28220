using Reminders.Benchmarks.Peers;

namespace Reminders.Benchmarks.Systems;

/// <summary>A scheduler the harness measures: ours or a peer, run as real processes on its own database.</summary>
public interface ISystemUnderTest : IAsyncDisposable
{
    /// <summary>The name in the results, version included.</summary>
    string Name { get; }

    /// <summary>Every setting that matters for a fair comparison, printed with the results.</summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The processes whose CPU and memory count for this system.</summary>
    IReadOnlyList<int> ProcessIds { get; }

    /// <summary>The key the receiver will see for <paramref name="job"/>.</summary>
    string ReceivedKey(PlannedJob job);

    /// <summary>Starts the system's processes; schedules <paramref name="schedule"/> when given; returns how long scheduling took.</summary>
    Task<TimeSpan?> StartAsync(IReadOnlyList<PlannedJob>? schedule, CancellationToken cancellationToken);

    /// <summary>Kills every process at once, as a crash would.</summary>
    Task KillAsync();
}
