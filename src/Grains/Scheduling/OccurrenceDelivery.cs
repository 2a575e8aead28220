using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Grains.Scheduling;

/// <summary>What an occurrence of a series sends, where, and with which guarantee; fixed into each record when it falls due.</summary>
/// <param name="Channel">The delivery channel's name.</param>
/// <param name="Target">The channel's target (for webhooks, the URL), or null for the channel's default.</param>
public sealed record OccurrenceDelivery(
    string Channel,
    Uri? Target,
    IReadOnlyDictionary<string, string> Recipient,
    string Message,
    DeliveryGuarantee Guarantee);
