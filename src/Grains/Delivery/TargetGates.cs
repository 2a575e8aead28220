using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Reminders.Grains.Delivery;

/// <summary>
/// One <see cref="TargetGate"/> per target host (scheme, host and port), for the silo's lifetime, each limited to
/// this silo's part of the cluster-wide rate (see <see cref="ClusterShare"/>), resized when the membership changes.
/// </summary>
public sealed class TargetGates : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<TargetGate>> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly DeliveryOptions _options;
    private readonly ClusterShare _share;

    public TargetGates(IOptions<DeliveryOptions> options, ClusterShare share)
    {
        _options = options.Value;
        _share = share;
        share.Changed += Resize;
    }

    public TargetGate For(Uri target) =>
        _gates.GetOrAdd(target.GetLeftPart(UriPartial.Authority), _ => new Lazy<TargetGate>(() => new TargetGate(_options, Rate()))).Value;

    public async ValueTask DisposeAsync()
    {
        _share.Changed -= Resize;
        foreach (var gate in _gates.Values.Where(g => g.IsValueCreated))
        {
            await gate.Value.DisposeAsync();
        }
    }

    private int Rate() => _share.Of(_options.TargetRatePerSecond);

    private void Resize()
    {
        foreach (var gate in _gates.Values.Where(g => g.IsValueCreated))
        {
            gate.Value.SetRate(Rate());
        }
    }
}
