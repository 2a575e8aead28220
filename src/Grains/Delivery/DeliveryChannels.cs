namespace Reminders.Grains.Delivery;

/// <summary>The registered channels, by name.</summary>
public sealed class DeliveryChannels(IEnumerable<IDeliveryChannel> channels)
{
    private readonly Dictionary<string, IDeliveryChannel> _byName = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public Task<DeliveryResult> SendAsync(string channel, DeliveryRequest request, CancellationToken cancellationToken) =>
        _byName.TryGetValue(channel, out var found)
            ? found.SendAsync(request, cancellationToken)
            : Task.FromResult(DeliveryResult.Failure(null, $"no delivery channel named \"{channel}\" is registered"));
}
