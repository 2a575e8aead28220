using Reminders.Benchmarks.Peers;

namespace Reminders.Benchmarks.Scenarios;

/// <summary>
/// The recurring herd's schedules: <see cref="Size"/> hourly schedules that all start at <see cref="FirstDue"/>
/// (a whole hour), so that their occurrence <c>n</c> is due for all of them at one instant.
/// </summary>
public sealed record RecurringHerdPlan(int Size, DateTimeOffset FirstDue)
{
    public const string Rule = "FREQ=HOURLY";

    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>One job per schedule: its id and its first occurrence (the schedule's local start, in Etc/UTC).</summary>
    public IReadOnlyList<PlannedJob> Schedules { get; } =
        [.. Enumerable.Range(0, Size).Select(i => new PlannedJob($"r{i:D7}", FirstDue))];

    /// <summary>The first whole hour at least <paramref name="lead"/> after <paramref name="now"/>.</summary>
    public static DateTimeOffset FirstWholeHourAfter(DateTimeOffset now, TimeSpan lead)
    {
        var earliest = (now + lead).ToUniversalTime();
        var hour = new DateTimeOffset(earliest.Year, earliest.Month, earliest.Day, earliest.Hour, 0, 0, TimeSpan.Zero);
        return hour < earliest ? hour + Period : hour;
    }

    /// <summary>When occurrence <paramref name="occurrence"/> (from 1) of every schedule is due.</summary>
    public DateTimeOffset Due(int occurrence) => FirstDue + Period * (occurrence - 1);

    /// <summary>How many occurrences of each schedule are due at or before <paramref name="instant"/>.</summary>
    public int DueBy(DateTimeOffset instant) => instant < FirstDue ? 0 : (int)((instant - FirstDue).Ticks / Period.Ticks) + 1;

    /// <summary>Occurrence <paramref name="occurrence"/> of every schedule, as a job the receiver's key is made from.</summary>
    public IEnumerable<PlannedJob> Occurrence(int occurrence) => Schedules.Select(s => s with { DueUtc = Due(occurrence) });

    /// <summary>Occurrences 1 to <paramref name="count"/> of every schedule.</summary>
    public IEnumerable<PlannedJob> Through(int count) => Enumerable.Range(1, count).SelectMany(Occurrence);
}
