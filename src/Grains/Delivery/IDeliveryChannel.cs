namespace Reminders.Grains.Delivery;

/// <summary>Sends one message attempt. Implementations never throw for a failed delivery; they report it.</summary>
public interface IDeliveryChannel
{
    Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken);
}
