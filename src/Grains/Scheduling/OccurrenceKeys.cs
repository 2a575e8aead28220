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

    /// <summary>The first part of every key of a user's occurrences.</summary>
    public const string UserPrefix = "user";

    /// <summary>The first part of every key of a schedule's occurrences.</summary>
    public const string SchedulePrefix = "schedule";

    /// <summary>The entity part of keys for a user.</summary>
    public static string UserEntity(string userId) => UserPrefix + ":" + userId;

    /// <summary>The entity part of keys for a schedule.</summary>
    public static string ScheduleEntity(string scheduleId) => SchedulePrefix + ":" + scheduleId;
}
