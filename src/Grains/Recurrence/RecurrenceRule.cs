using NodaTime;

namespace Reminders.Grains.Recurrence;

/// <summary>A parsed RFC 5545 RRULE. Empty lists mean the part is absent.</summary>
public sealed record RecurrenceRule
{
    public required Frequency Frequency { get; init; }
    public int Interval { get; init; } = 1;
    public int? Count { get; init; }
    public RuleUntil? Until { get; init; }
    public IReadOnlyList<int> BySecond { get; init; } = [];
    public IReadOnlyList<int> ByMinute { get; init; } = [];
    public IReadOnlyList<int> ByHour { get; init; } = [];
    public IReadOnlyList<WeekdayNumber> ByDay { get; init; } = [];
    public IReadOnlyList<int> ByMonthDay { get; init; } = [];
    public IReadOnlyList<int> ByYearDay { get; init; } = [];
    public IReadOnlyList<int> ByWeekNo { get; init; } = [];
    public IReadOnlyList<int> ByMonth { get; init; } = [];
    public IReadOnlyList<int> BySetPos { get; init; } = [];
    public IsoDayOfWeek WeekStart { get; init; } = IsoDayOfWeek.Monday;
}
