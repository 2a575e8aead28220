namespace Reminders.Grains.Delivery;

/// <summary>
/// Supplies a webhook target when none is configured, such as the API host's development receiver,
/// whose address is known only once its server has started.
/// </summary>
public interface IDefaultWebhookUrlProvider
{
    /// <summary>The target, or null while it is not known yet.</summary>
    Uri? GetDefaultWebhookUrl();
}
