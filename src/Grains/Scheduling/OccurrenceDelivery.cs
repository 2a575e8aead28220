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
    DeliveryGuarantee Guarantee)
{
    /// <summary>True when <see cref="Target"/> is the client's own (a schedule's <c>webhookUrl</c>), guarded when sent; false for the operator's.</summary>
    public bool TargetFromClient { get; init; }

    /// <summary>Attempts before dead-lettering; 0 means the service default.</summary>
    public int MaxAttempts { get; init; }

    /// <summary>How long after its due time an occurrence is still attempted; null means its catch-up window.</summary>
    public NodaTime.Duration? MaxAge { get; init; }
}
