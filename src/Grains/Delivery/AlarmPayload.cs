using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Delivery;

/// <summary>What a webhook body says of an alarm: which occurrence it belongs to, and its offset from it.</summary>
/// <param name="Occurrence">The key of the occurrence the alarm is for.</param>
/// <param name="Offset">The alarm's offset from that occurrence, normalised, such as <c>-P1D</c> or <c>-PT1H</c>.</param>
public sealed record AlarmPayload(string Occurrence, string Offset)
{
    /// <summary>The alarm that <paramref name="key"/> names, or null when it is an occurrence's own key.</summary>
    public static AlarmPayload? Of(string key) =>
        OccurrenceKeys.TryParseAlarm(key, out var occurrence, out var offset) ? new AlarmPayload(occurrence, offset) : null;
}
