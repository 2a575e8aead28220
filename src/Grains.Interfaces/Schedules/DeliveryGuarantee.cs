namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>What the service does when it cannot know whether an attempt reached the receiver.</summary>
[GenerateSerializer, Alias("Reminders.Schedules.DeliveryGuarantee")]
public enum DeliveryGuarantee
{
    /// <summary>Resend under the same key; a receiver that deduplicates on <c>Idempotency-Key</c> sees it once.</summary>
    AtLeastOnce,

    /// <summary>Never resend an attempt whose outcome is unknown; record it as uncertain instead.</summary>
    AtMostOnce,
}
