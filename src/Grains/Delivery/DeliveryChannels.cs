using Microsoft.Extensions.Options;

namespace Reminders.Grains.Delivery;

/// <summary>
/// The registered channels, by name, and the silo's in-flight limit: beyond it, attempts wait their turn
/// (delayed, not dropped), so a catch-up or a 09:00 herd cannot open more requests than the limit.
/// </summary>
public sealed class DeliveryChannels(IEnumerable<IDeliveryChannel> channels, IOptions<DeliveryOptions> options) : IDisposable
{
    private readonly Dictionary<string, IDeliveryChannel> _byName = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _inFlight = new(options.Value.MaxInFlight, options.Value.MaxInFlight);

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

    public void Dispose() => _inFlight.Dispose();

    private sealed class Slot(SemaphoreSlim inFlight) : IDisposable
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
