using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Reminders.Grains.Delivery;

/// <summary>
/// This silo's share of the cluster-wide delivery budgets (<see cref="DeliveryOptions.MaxInFlight"/> and
/// <see cref="DeliveryOptions.TargetRatePerSecond"/>): each of the N active silos in Orleans membership takes
/// budget / N, the remainder going one each to the first silos in address order, so the shares add up to the
/// budget exactly. Re-read on every membership change. Approximate by design: while silos disagree about the
/// membership (a join not yet seen by all, a crash not yet declared) the sum can briefly differ from the budget.
/// </summary>
public sealed partial class ClusterShare : ISiloStatusListener
{
    private readonly ISiloStatusOracle? _membership;
    private readonly ILogger<ClusterShare> _logger;
    private readonly DeliveryOptions _options;
    private Portion _current = new(0, 1);

    public ClusterShare(IServiceProvider services, IOptions<DeliveryOptions> options, ILogger<ClusterShare> logger)
    {
        _options = options.Value;
        _logger = logger;

        // Outside a silo (a client, a unit test) there is no membership: the whole budget is this process's.
        if (_options.SplitLimitsAcrossCluster && services.GetService<ISiloStatusOracle>() is { } membership)
        {
            _membership = membership;
            membership.SubscribeToSiloStatusEvents(this);
            Refresh();
        }
    }

    /// <summary>Raised after this silo's share changed.</summary>
    public event Action? Changed;

    /// <summary>This silo's place among the active silos (0-based) and how many there are.</summary>
    public Portion Current => Volatile.Read(ref _current);

    /// <summary>This silo's part of a cluster-wide <paramref name="budget"/>: never below 1, so a silo can always send.</summary>
    public int Of(int budget) => Current.Of(budget);

    public void SiloStatusChangeNotification(SiloAddress updatedSilo, SiloStatus status) => Refresh();

    private void Refresh()
    {
        var membership = _membership!;
        var self = membership.SiloAddress;

        // A silo counts itself from the start, active or still joining: it may already be delivering.
        var active = membership.GetApproximateSiloStatuses(onlyActive: true).Keys
            .Append(self)
            .Distinct()
            .Order()
            .ToList();
        var next = new Portion(active.IndexOf(self), active.Count);
        var previous = Interlocked.Exchange(ref _current, next);
        if (previous != next)
        {
            LogShare(_logger, next.Index + 1, next.Count, next.Of(_options.MaxInFlight), next.Of(_options.TargetRatePerSecond));
            Changed?.Invoke();
        }
    }

    [LoggerMessage(45, LogLevel.Information, "Delivery budgets: this silo is {Place} of {Silos} active, taking {InFlight} in-flight slots and {Rate} attempts per second per target host")]
    private static partial void LogShare(ILogger logger, int place, int silos, int inFlight, int rate);

    /// <summary>The <paramref name="Index"/>-th of <paramref name="Count"/> active silos.</summary>
    public sealed record Portion(int Index, int Count)
    {
        public int Of(int budget) => Math.Max(1, budget / Count + (Index < budget % Count ? 1 : 0));
    }
}
