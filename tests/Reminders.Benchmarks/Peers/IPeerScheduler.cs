namespace Reminders.Benchmarks.Peers;

/// <summary>
/// A peer scheduler hosted in a <c>peer</c> process (see <see cref="PeerHost"/>): it schedules a plan on its
/// own tables in the shared PostgreSQL database, then runs until stopped, its jobs POSTing to the receiver.
/// </summary>
public interface IPeerScheduler : IAsyncDisposable
{
    /// <summary>The name printed in the results, e.g. <c>Quartz.NET 4.7.3</c>.</summary>
    string Name { get; }

    /// <summary>Every setting that matters for a fair comparison, printed with the results.</summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Creates the peer's schema in its database if it is missing.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Schedules every job of the plan (durably, in PostgreSQL).</summary>
    Task ScheduleAsync(PeerPlan plan, CancellationToken cancellationToken);

    /// <summary>Starts firing due jobs (and catches up on missed ones, as the peer's documentation recommends).</summary>
    Task StartAsync(CancellationToken cancellationToken);
}
