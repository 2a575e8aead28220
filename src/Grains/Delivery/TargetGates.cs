using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Reminders.Grains.Delivery;

/// <summary>One <see cref="TargetGate"/> per target host (scheme, host and port), for the silo's lifetime.</summary>
public sealed class TargetGates(IOptions<DeliveryOptions> options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<TargetGate>> _gates = new(StringComparer.OrdinalIgnoreCase);

    public TargetGate For(Uri target) =>
        _gates.GetOrAdd(target.GetLeftPart(UriPartial.Authority), _ => new Lazy<TargetGate>(() => new TargetGate(options.Value))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in _gates.Values.Where(g => g.IsValueCreated))
        {
            await gate.Value.DisposeAsync();
        }
    }
}
