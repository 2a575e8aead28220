using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// Builds occurrence keys: entity, kind and nominal period, so the same occurrence has the same key on
/// every silo, after every restart and after every edit. ':' cannot appear in ids or kinds, so keys
/// cannot collide.
/// </summary>
public static class OccurrenceKeys
{
    private static readonly LocalDateTimePattern Basic = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss");

    // What follows the entity in an alarm's series and keys.
    private const string AlarmMarker = "-alarm:";

    /// <summary>The key of a yearly occurrence: one per entity, kind and year.</summary>
    public static string Annual(string entityKey, string kind, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"{entityKey}:{kind}:{year:D4}");

    /// <summary>The series of a yearly event: its keys without the year.</summary>
    public static string AnnualSeries(string entityKey, string kind) => $"{entityKey}:{kind}";

    /// <summary>The nominal period a yearly key names: the year, as its first instant.</summary>
    public static LocalDateTime AnnualNominal(LocalDateTime local) => new(local.Year, 1, 1, 0, 0);

    /// <summary>The key of a schedule's occurrence: its nominal local date-time (after the invalid-date policy, before DST).</summary>
    public static string AtLocalTime(string entityKey, LocalDateTime local) => $"{entityKey}:{Basic.Format(local)}";

    /// <summary>
    /// The key of an occurrence an operator triggered: <c>&lt;entity&gt;:-manual-&lt;request&gt;</c>. '-' sorts before every
    /// digit and letter, so the key lies below every series' key range of the entity (yearly series are
    /// '&lt;entity&gt;:&lt;kind&gt;:yyyy', a schedule's '&lt;entity&gt;:yyyyMMddTHHmmss'): never a series' newest key, whose
    /// row is its high-water mark, yet inside the entity's range, so it is in the entity's history.
    /// </summary>
    public static string Manual(string entityKey, string requestKey) => $"{entityKey}:-manual-{requestKey}";

    /// <summary>
    /// The series of a schedule's alarms at one offset: <c>&lt;entity&gt;:-alarm:&lt;offset&gt;</c>. Like a manual key it sorts
    /// below every occurrence key of the entity ('-' before every digit), so an alarm row never sits where the
    /// schedule's newest occurrence row is looked for, while its own keys form a range of their own.
    /// </summary>
    public static string AlarmSeries(string entityKey, string offset) => $"{entityKey}:{AlarmMarker}{offset}";

    /// <summary>
    /// The key of the alarm at <paramref name="offset"/> of the occurrence <paramref name="occurrenceKey"/>: its series,
    /// ':' and the occurrence's period, such as <c>schedule:standup:-alarm:-PT1H:20270301T090000</c> for
    /// <c>schedule:standup:20270301T090000</c>. The period last keeps each series' keys in time order (migration 0006).
    /// </summary>
    public static string Alarm(string entityKey, string offset, string occurrenceKey) =>
        $"{AlarmSeries(entityKey, offset)}:{occurrenceKey[(entityKey.Length + 1)..]}";

    /// <summary>Reads an alarm's key back into its occurrence's key and its offset; false for any other key.</summary>
    public static bool TryParseAlarm(string key, out string occurrenceKey, out string offset)
    {
        occurrenceKey = offset = "";
        var marker = key.IndexOf(":" + AlarmMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return false;
        }

        var rest = key[(marker + 1 + AlarmMarker.Length)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == rest.Length - 1)
        {
            return false;
        }

        offset = rest[..colon];
        occurrenceKey = key[..(marker + 1)] + rest[(colon + 1)..];
        return true;
    }

    /// <summary>The first part of every key of a user's occurrences.</summary>
    public const string UserPrefix = "user";

    /// <summary>The first part of every key of a schedule's occurrences.</summary>
    public const string SchedulePrefix = "schedule";

    /// <summary>The entity part of keys for a user.</summary>
    public static string UserEntity(string userId) => UserPrefix + ":" + userId;

    /// <summary>The entity part of keys for a schedule.</summary>
    public static string ScheduleEntity(string scheduleId) => SchedulePrefix + ":" + scheduleId;
}
