namespace Reminders.Grains.Delivery;

/// <summary>
/// One way of delivering a message, registered by name (event kinds choose one with <c>Channel</c>). A new
/// channel is one class registered as <see cref="IDeliveryChannel"/>; scheduling code does not change.
/// Implementations never throw for a failed delivery; they report it.
/// </summary>
public interface IDeliveryChannel
{
    /// <summary>The name event kinds use to choose this channel.</summary>
    string Name { get; }

    /// <summary>Makes one attempt.</summary>
    Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken);
}
