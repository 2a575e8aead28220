using System.Collections.Concurrent;
using System.Collections.Frozen;
using NodaTime;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;

namespace Reminders.Grains.Calendars;

/// <summary>
/// Which local dates a business calendar excludes: a listed date, a date one of its rules gives, or a weekend day.
/// One instance is shared by every grain of a silo that uses the calendar (see <see cref="CalendarCache"/>), so it is
/// immutable apart from a thread-safe cache of each year's rule dates.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far a move looks for a business day; past it the occurrence is skipped instead.</summary>
    public const int MaxSearchDays = 366;

    /// <summary>
    /// The DTSTART rules are expanded from. Only their dates count, so a rule needs no start of its own; a rule without a
    /// day part (a bare FREQ=WEEKLY) takes its day from this Saturday, as RFC 5545 takes it from DTSTART.
    /// </summary>
    public static readonly LocalDateTime RuleStart = new(2000, 1, 1, 0, 0);

    private readonly FrozenSet<LocalDate> _dates;
    private readonly RecurrenceRule[] _rules;
    private readonly FrozenSet<IsoDayOfWeek> _weekend;
    private readonly ConcurrentDictionary<int, FrozenSet<LocalDate>> _ruleDatesByYear = new();

    public BusinessCalendar(CalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        _dates = definition.Dates.ToFrozenSet();
        _rules = [.. definition.Rules.Select(RecurrenceRuleParser.Parse)];
        _weekend = definition.Weekend.ToFrozenSet();
    }

    public CalendarDefinition Definition { get; }

    public string Id => Definition.Id;

    public int Version => Definition.Version;

    public bool IsExcluded(LocalDate date) =>
        _weekend.Contains(date.DayOfWeek) || _dates.Contains(date) || (_rules.Length > 0 && RuleDates(date.Year).Contains(date));

    /// <summary>
    /// Where <paramref name="policy"/> puts an occurrence on the excluded <paramref name="date"/>: the nearest business
    /// day after or before it within <see cref="MaxSearchDays"/>, or null when it is skipped (by the policy, or because
    /// no business day lies within the bound).
    /// </summary>
    public LocalDate? Move(LocalDate date, ExcludedDayPolicy policy)
    {
        var step = policy switch
        {
            ExcludedDayPolicy.NextBusinessDay => 1,
            ExcludedDayPolicy.PreviousBusinessDay => -1,
            _ => 0,
        };
        if (step == 0)
        {
            return null;
        }

        for (var days = 1; days <= MaxSearchDays; days++)
        {
            var candidate = date.PlusDays(step * days);
            if (!IsExcluded(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The first day of the run of excluded days that ends just before <paramref name="date"/> (the date itself when the day before is a business day).</summary>
    public LocalDate StartOfExcludedRunBefore(LocalDate date)
    {
        var start = date;
        for (var days = 0; days < MaxSearchDays && IsExcluded(start.PlusDays(-1)); days++)
        {
            start = start.PlusDays(-1);
        }

        return start;
    }

    // A calendar has no zone: a UTC UNTIL is read as a date-time in UTC, which only its date can tell apart.
    private static bool Ends(RecurrenceRule rule, LocalDateTime local) =>
        rule.Until is { } until && until.Excludes(local, local.InUtc().ToInstant());

    // Expanders are not for concurrent use: each year gets its own, once per silo and calendar version.
    private FrozenSet<LocalDate> RuleDates(int year) =>
        _ruleDatesByYear.GetOrAdd(year, y =>
        {
            var from = new LocalDateTime(y, 1, 1, 0, 0);
            return _rules
                .SelectMany(rule => new RecurrenceExpander(RuleStart, rule, InvalidDatePolicy.Omit).From(from)
                    .SkipWhile(i => i.Local.Year < y)
                    .TakeWhile(i => i.Local.Year == y && !Ends(rule, i.Local))
                    .Select(i => i.Local.Date))
                .ToFrozenSet();
        });
}
