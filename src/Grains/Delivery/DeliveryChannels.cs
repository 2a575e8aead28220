using Microsoft.Extensions.Options;

namespace Reminders.Grains.Delivery;

/// <summary>
/// The registered channels, by name, and this silo's part of the in-flight limit (see <see cref="ClusterShare"/>):
/// beyond it, attempts wait their turn (delayed, not dropped), so a catch-up or a 09:00 herd cannot open more
/// requests than the limit.
/// </summary>
public sealed class DeliveryChannels : IDisposable
{
    private readonly Dictionary<string, IDeliveryChannel> _byName;
    private readonly ResizableSlots _inFlight;
    private readonly ClusterShare _share;
    private readonly int _budget;

    public DeliveryChannels(IEnumerable<IDeliveryChannel> channels, IOptions<DeliveryOptions> options, ClusterShare share)
    {
        _byName = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        _budget = options.Value.MaxInFlight;
        _share = share;
        _inFlight = new ResizableSlots(share.Of(_budget));
        share.Changed += Resize;
    }

    /// <summary>Waits for one of the silo's in-flight slots; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_inFlight);
    }

    /// <summary>Makes one attempt through the named channel (call within <see cref="EnterAsync"/>).</summary>
    public Task<DeliveryResult> SendAsync(string channel, DeliveryRequest request, CancellationToken cancellationToken) =>
        _byName.TryGetValue(channel, out var found)
            ? found.SendAsync(request, cancellationToken)
            : Task.FromResult(DeliveryResult.Failure(null, $"no delivery channel named \"{channel}\" is registered"));

    public void Dispose() => _share.Changed -= Resize;

    private void Resize() => _inFlight.Resize(_share.Of(_budget));

    private sealed class Slot(ResizableSlots inFlight) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                inFlight.Release();
            }
        }
    }
}
