using Microsoft.Extensions.Options;

namespace Reminders.Grains.Delivery;

/// <summary>
/// The registered channels, by name, behind the silo's in-flight limit: beyond it, attempts wait their turn
/// (delayed, not dropped), so a catch-up or a 09:00 herd cannot open more requests than the limit.
/// </summary>
public sealed class DeliveryChannels(IEnumerable<IDeliveryChannel> channels, IOptions<DeliveryOptions> options) : IDisposable
{
    private readonly Dictionary<string, IDeliveryChannel> _byName = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _inFlight = new(options.Value.MaxInFlight, options.Value.MaxInFlight);

    public async Task<DeliveryResult> SendAsync(string channel, DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (!_byName.TryGetValue(channel, out var found))
        {
            return DeliveryResult.Failure(null, $"no delivery channel named \"{channel}\" is registered");
        }

        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await found.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public void Dispose() => _inFlight.Dispose();
}
