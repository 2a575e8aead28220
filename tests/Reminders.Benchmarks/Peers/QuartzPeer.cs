namespace Reminders.Benchmarks.Peers;

/// <summary>Quartz.NET with its ADO.NET job store on PostgreSQL, clustered. (To be written.)</summary>
public sealed class QuartzPeer(string connectionString, Uri receiver, string instance) : IPeerScheduler
{
    public string Name => "Quartz.NET";

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["connection"] = connectionString.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ["receiver"] = receiver.ToString(), ["instance"] = instance };

    public Task PrepareAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task ScheduleAsync(PeerPlan plan, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task StartAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
