using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Grains.Recurrence;

/// <summary>
/// Expands an RRULE from its DTSTART into local date-times, period by period, as RFC 5545 3.3.10 describes:
/// each BYxxx part expands or limits the days of the period, times come from BYHOUR/BYMINUTE/BYSECOND (or
/// DTSTART), BYSETPOS picks from the period's set, then COUNT and UNTIL end the series. DTSTART is an
/// instance only when the rule generates it. Days a month lacks follow the <see cref="InvalidDatePolicy"/>.
/// Zones are not involved here; see <see cref="ZonedRecurrence"/>.
/// </summary>
public sealed class RecurrenceExpander
{
    // The Gregorian calendar repeats every 400 years: a rule with no instance in that long has none at all.
    private const int SearchYears = 400;

    private readonly LocalDateTime _start;
    private readonly RecurrenceRule _rule;
    private readonly InvalidDatePolicy _invalidDates;
    private readonly IReadOnlyList<int> _byMonth;
    private readonly IReadOnlyList<int> _byMonthDay;
    private readonly IReadOnlyList<WeekdayNumber> _byDay;
    private readonly int[] _hours;
    private readonly int[] _minutes;
    private readonly int[] _seconds;
    private readonly bool _movesInvalidDates;

    // With COUNT, the furthest state an expansion reached before its own from: later calls start there instead of
    // at DTSTART. A grain keeps one expander per definition and calls From with a rising cursor, one turn at a
    // time; previews build their own. So there is no locking: an expander is not for concurrent use.
    private ExpansionCheckpoint _checkpoint;

    public RecurrenceExpander(LocalDateTime start, RecurrenceRule rule, InvalidDatePolicy invalidDates)
    {
        _start = start;
        _rule = rule;
        _invalidDates = invalidDates;
        _byMonth = rule.ByMonth;
        _byMonthDay = rule.ByMonthDay;
        _byDay = rule.ByDay;

        // Without any day-level part, the day comes from DTSTART (RFC 5545 3.3.10, "information not contained in the rule").
        if (rule is { ByWeekNo.Count: 0, ByYearDay.Count: 0, ByMonthDay.Count: 0, ByDay.Count: 0 })
        {
            switch (rule.Frequency)
            {
                case Frequency.Yearly:
                    _byMonth = rule.ByMonth.Count > 0 ? rule.ByMonth : [start.Month];
                    _byMonthDay = [start.Day];
                    break;
                case Frequency.Monthly:
                    _byMonthDay = [start.Day];
                    break;
                case Frequency.Weekly:
                    _byDay = [new WeekdayNumber(0, start.DayOfWeek)];
                    break;
            }
        }

        _hours = Sorted(rule.ByHour, start.Hour);
        _minutes = Sorted(rule.ByMinute, start.Minute);
        _seconds = Sorted(rule.BySecond, start.Second);
        _movesInvalidDates = invalidDates != InvalidDatePolicy.Omit
            && rule.Frequency is Frequency.Yearly or Frequency.Monthly
            && rule is { ByDay.Count: 0, ByYearDay.Count: 0, ByWeekNo.Count: 0 };
    }

    /// <summary>The periods expanded so far by this instance, for tests of how far a call has to go.</summary>
    internal long PeriodsVisited { get; private set; }

    /// <summary>
    /// The instances in order, starting no later than the first one at or after <paramref name="from"/>
    /// (earlier ones may appear: callers filter). Without COUNT the expansion jumps straight to the period
    /// of <paramref name="from"/>; with COUNT it must count from DTSTART, or from a checkpoint an earlier call
    /// left before <paramref name="from"/>.
    /// </summary>
    public IEnumerable<LocalInstance> From(LocalDateTime from)
    {
        var step = _rule.Interval;
        var (k, emitted, last) = _rule.Count is not null && _checkpoint.Precedes(from) ? _checkpoint : default;
        if (_rule.Count is null && from > _start)
        {
            k = Math.Max(0, FloorDiv(PeriodsBetween(_start, from), step) * step);
        }

        var horizonYear = Math.Min(9_990, Math.Max(_start.Year, from.Year) + SearchYears + YearsPerStep());
        while (true)
        {
            PeriodsVisited++;
            var period = PeriodStart(k);
            if (period.Year > horizonYear)
            {
                yield break;
            }

            // Keep the furthest state whose instances all precede from: the next wake's from is later still.
            if (_rule.Count is not null && k > _checkpoint.Period)
            {
                var here = new ExpansionCheckpoint(k, emitted, last);
                if (here.Precedes(from))
                {
                    _checkpoint = here;
                }
            }

            if (_rule.Frequency == Frequency.Hourly && !DayMatches(period.Date))
            {
                // Skip the rest of a day that cannot match, a whole day of hours at a time.
                var hoursLeft = 24 - period.Hour;
                k += (hoursLeft + step - 1) / step * step;
                continue;
            }

            foreach (var instance in Instances(period))
            {
                if (instance.Local < _start || (last is { } previous && instance.Local <= previous))
                {
                    continue;
                }

                if (_rule.Until is { Local: { } until } && instance.Local > until)
                {
                    yield break;
                }

                last = instance.Local;
                yield return instance;
                if (++emitted == _rule.Count)
                {
                    yield break;
                }
            }

            k += step;
        }
    }

    private List<LocalInstance> Instances(LocalDateTime period)
    {
        var days = Days(period);
        var instances = new List<LocalInstance>(days.Count * _hours.Length * _minutes.Length * _seconds.Length);
        foreach (var (date, adjustments) in days)
        {
            if (_rule.Frequency == Frequency.Hourly)
            {
                if (_rule.ByHour.Count == 0 || _rule.ByHour.Contains(period.Hour))
                {
                    AddTimes(date, [period.Hour], adjustments);
                }
            }
            else
            {
                AddTimes(date, _hours, adjustments);
            }
        }

        if (_rule.BySetPos.Count == 0)
        {
            return instances;
        }

        var picked = new SortedDictionary<LocalDateTime, LocalInstance>();
        foreach (var position in _rule.BySetPos)
        {
            var index = position > 0 ? position - 1 : instances.Count + position;
            if (index >= 0 && index < instances.Count)
            {
                picked[instances[index].Local] = instances[index];
            }
        }

        return [.. picked.Values];

        void AddTimes(LocalDate date, int[] hours, OccurrenceAdjustments adjustments)
        {
            foreach (var hour in hours)
            {
                foreach (var minute in _minutes)
                {
                    foreach (var second in _seconds)
                    {
                        instances.Add(new LocalInstance(date + new LocalTime(hour, minute, second), adjustments));
                    }
                }
            }
        }
    }

    /// <summary>The days of the period that the rule selects, in order, with moved invalid dates.</summary>
    private List<(LocalDate Date, OccurrenceAdjustments Adjustments)> Days(LocalDateTime period)
    {
        var days = new SortedDictionary<LocalDate, OccurrenceAdjustments>();
        switch (_rule.Frequency)
        {
            case Frequency.Yearly:
                foreach (var month in _byMonth.Count > 0 ? _byMonth : Months)
                {
                    AddMonth(period.Year, month);
                }

                break;
            case Frequency.Monthly:
                if (_byMonth.Count == 0 || _byMonth.Contains(period.Month))
                {
                    AddMonth(period.Year, period.Month);
                }

                break;
            case Frequency.Weekly:
                for (var date = period.Date; date < period.Date.PlusDays(7); date = date.PlusDays(1))
                {
                    AddIfMatches(date);
                }

                break;
            default:
                AddIfMatches(period.Date);
                break;
        }

        return [.. days.Select(d => (d.Key, d.Value))];

        void AddMonth(int year, int month)
        {
            var length = CalendarSystem.Iso.GetDaysInMonth(year, month);
            for (var day = 1; day <= length; day++)
            {
                AddIfMatches(new LocalDate(year, month, day));
            }

            if (_movesInvalidDates)
            {
                foreach (var monthDay in _byMonthDay)
                {
                    if (MovedInvalidDate(year, month, length, monthDay) is { } moved)
                    {
                        days.TryAdd(moved.Date, moved.Adjustment);
                    }
                }
            }
        }

        void AddIfMatches(LocalDate date)
        {
            if (DayMatches(date, period.Year))
            {
                days[date] = OccurrenceAdjustments.None;
            }
        }
    }

    /// <summary>
    /// For a BYMONTHDAY the month lacks: backward is the nearest earlier day that exists (the month's last day,
    /// or for a negative day, the previous month's last), forward the nearest later one.
    /// </summary>
    private (LocalDate Date, OccurrenceAdjustments Adjustment)? MovedInvalidDate(int year, int month, int length, int monthDay)
    {
        var firstOfMonth = new LocalDate(year, month, 1);
        var backward = _invalidDates == InvalidDatePolicy.Backward;
        var adjustment = backward ? OccurrenceAdjustments.InvalidDateBackward : OccurrenceAdjustments.InvalidDateForward;
        if (monthDay > length)
        {
            return (backward ? firstOfMonth.PlusDays(length - 1) : firstOfMonth.PlusMonths(1), adjustment);
        }

        if (monthDay < -length)
        {
            return (backward ? firstOfMonth.PlusDays(-1) : firstOfMonth, adjustment);
        }

        return null;
    }

    private bool DayMatches(LocalDate date) => DayMatches(date, date.Year);

    private bool DayMatches(LocalDate date, int periodYear)
    {
        if (_byMonth.Count > 0 && !_byMonth.Contains(date.Month))
        {
            return false;
        }

        if (_rule.ByWeekNo.Count > 0 && !WeekNumbers.Matches(date, periodYear, _rule.WeekStart, _rule.ByWeekNo))
        {
            return false;
        }

        if (_rule.ByYearDay.Count > 0)
        {
            var yearLength = CalendarSystem.Iso.GetDaysInYear(date.Year);
            if (!_rule.ByYearDay.Any(n => date.DayOfYear == (n > 0 ? n : yearLength + n + 1)))
            {
                return false;
            }
        }

        if (_byMonthDay.Count > 0)
        {
            var monthLength = CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month);
            if (!_byMonthDay.Any(n => date.Day == (n > 0 ? n : monthLength + n + 1)))
            {
                return false;
            }
        }

        return _byDay.Count == 0 || _byDay.Any(d => WeekdayMatches(d, date));
    }

    /// <summary>An ordinal counts within the month for MONTHLY (and YEARLY with BYMONTH), within the year otherwise.</summary>
    private bool WeekdayMatches(WeekdayNumber weekday, LocalDate date)
    {
        if (weekday.Day != date.DayOfWeek)
        {
            return false;
        }

        if (weekday.Ordinal == 0)
        {
            return true;
        }

        var withinMonth = _rule.Frequency == Frequency.Monthly || _byMonth.Count > 0;
        var (index, length) = withinMonth
            ? (date.Day, CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month))
            : (date.DayOfYear, CalendarSystem.Iso.GetDaysInYear(date.Year));
        return weekday.Ordinal > 0
            ? (index - 1) / 7 + 1 == weekday.Ordinal
            : (length - index) / 7 + 1 == -weekday.Ordinal;
    }

    private LocalDateTime PeriodStart(long k) => _rule.Frequency switch
    {
        Frequency.Yearly => new LocalDateTime(_start.Year + (int)k, 1, 1, 0, 0),
        Frequency.Monthly => new LocalDate(_start.Year, _start.Month, 1).PlusMonths((int)k).AtMidnight(),
        Frequency.Weekly => WeekNumbers.StartOfWeek(_start.Date, _rule.WeekStart).PlusWeeks((int)k).AtMidnight(),
        Frequency.Daily => _start.Date.PlusDays((int)k).AtMidnight(),
        _ => _start.Date.AtMidnight().PlusHours(_start.Hour + k),
    };

    private long PeriodsBetween(LocalDateTime start, LocalDateTime end) => _rule.Frequency switch
    {
        Frequency.Yearly => end.Year - start.Year,
        Frequency.Monthly => (end.Year - start.Year) * 12L + end.Month - start.Month,
        Frequency.Weekly => Period.Between(WeekNumbers.StartOfWeek(start.Date, _rule.WeekStart), WeekNumbers.StartOfWeek(end.Date, _rule.WeekStart), PeriodUnits.Days).Days / 7,
        Frequency.Daily => Period.Between(start.Date, end.Date, PeriodUnits.Days).Days,
        _ => Period.Between(start.Date, end.Date, PeriodUnits.Days).Days * 24L + end.Hour - start.Hour,
    };

    private int YearsPerStep() => _rule.Frequency switch
    {
        Frequency.Yearly => _rule.Interval,
        Frequency.Monthly => _rule.Interval / 12 + 1,
        Frequency.Weekly => _rule.Interval / 52 + 1,
        Frequency.Daily => _rule.Interval / 365 + 1,
        _ => 1,
    };

    private static readonly int[] Months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

    private static int[] Sorted(IReadOnlyList<int> values, int fallback) =>
        values.Count > 0 ? [.. values.Order()] : [fallback];

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
