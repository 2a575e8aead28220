using Reminders.Grains.Scheduling;

namespace Reminders.Api.Schedules;

/// <summary>On an alarm in an occurrence list: the key of the occurrence it belongs to and its offset from it.</summary>
public sealed record AlarmOfResponse(string Occurrence, string Offset)
{
    /// <summary>The alarm <paramref name="key"/> names, or null (left out of the JSON) for an occurrence's own key.</summary>
    public static AlarmOfResponse? Of(string key) =>
        OccurrenceKeys.TryParseAlarm(key, out var occurrence, out var offset) ? new(occurrence, offset) : null;
}
