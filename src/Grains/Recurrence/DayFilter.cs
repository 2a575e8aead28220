using NodaTime;

namespace Reminders.Grains.Recurrence;

/// <summary>
/// Whether a date passes a rule's day-level parts (BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY), by table
/// look-up: a search may examine a few hundred thousand days, so each test costs the same whatever the lists hold.
/// </summary>
internal sealed class DayFilter
{
    private readonly bool[]? _months;
    private readonly Ordinals? _weeks;
    private readonly Ordinals? _yearDays;
    private readonly Ordinals? _monthDays;
    private readonly bool[]? _everyWeekday;
    private readonly Ordinals[]? _nthWeekday;
    private readonly bool _weekdayWithinMonth;
    private readonly IsoDayOfWeek _weekStart;

    // The week layout around the last calendar year asked about; a reference, so a reader never sees half of one.
    private WeekLayout? _lastLayout;

    public DayFilter(RecurrenceRule rule, IReadOnlyList<int> months, IReadOnlyList<int> monthDays, IReadOnlyList<WeekdayNumber> weekdays)
    {
        _weekStart = rule.WeekStart;
        if (months.Count > 0)
        {
            _months = new bool[13];
            foreach (var month in months)
            {
                _months[month] = true;
            }
        }

        _weeks = Ordinals.Of(rule.ByWeekNo, 53);
        _yearDays = Ordinals.Of(rule.ByYearDay, 366);
        _monthDays = Ordinals.Of(monthDays, 31);
        if (weekdays.Count > 0)
        {
            _everyWeekday = new bool[8];
            _nthWeekday = new Ordinals[8];
            for (var day = 1; day <= 7; day++)
            {
                _nthWeekday[day] = Ordinals.Of([.. weekdays.Where(w => (int)w.Day == day && w.Ordinal != 0).Select(w => w.Ordinal)], 53)
                    ?? Ordinals.Empty;
            }

            foreach (var weekday in weekdays.Where(w => w.Ordinal == 0))
            {
                _everyWeekday[(int)weekday.Day] = true;
            }
        }

        _weekdayWithinMonth = rule.Frequency == Frequency.Monthly || months.Count > 0;
    }

    public bool HasMonths => _months is not null;

    public bool MonthMatches(int month) => _months is null || _months[month];

    /// <summary>
    /// True when <paramref name="date"/> passes every day-level part. A BYWEEKNO week is numbered in the
    /// week-numbering year the date belongs to, which is not always its calendar year (see <see cref="WeekNumbers"/>).
    /// </summary>
    public bool Matches(LocalDate date)
    {
        if (_months is not null && !_months[date.Month])
        {
            return false;
        }

        if (_weeks is not null && !WeekMatches(date))
        {
            return false;
        }

        if (_yearDays is not null && !_yearDays.Contains(date.DayOfYear, CalendarSystem.Iso.GetDaysInYear(date.Year)))
        {
            return false;
        }

        if (_monthDays is not null && !_monthDays.Contains(date.Day, CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month)))
        {
            return false;
        }

        return _everyWeekday is null || WeekdayMatches(date);
    }

    /// <summary>An ordinal counts within the month for MONTHLY (and YEARLY with BYMONTH), within the year otherwise.</summary>
    private bool WeekdayMatches(LocalDate date)
    {
        var day = (int)date.DayOfWeek;
        if (_everyWeekday![day])
        {
            return true;
        }

        var nth = _nthWeekday![day];
        if (nth.IsEmpty)
        {
            return false;
        }

        var (index, length) = _weekdayWithinMonth
            ? (date.Day, CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month))
            : (date.DayOfYear, CalendarSystem.Iso.GetDaysInYear(date.Year));
        return nth.ContainsEither((index - 1) / 7 + 1, (length - index) / 7 + 1);
    }

    // RFC 5545 3.3.10: a YEARLY period is its calendar year, and the days of a numbered week that fall in that
    // calendar year belong to it even when the week is numbered in the year before or after: so week 1 of 2019
    // gives 2018-12-31 to the 2018 period, and the last week of 2020 gives January 1-3 to the 2021 period.
    private bool WeekMatches(LocalDate date)
    {
        var layout = _lastLayout is { } last && last.Year == date.Year ? last : _lastLayout = WeekLayout.Of(date.Year, _weekStart);
        var (first, next) = date < layout.First ? (layout.Previous, layout.First)
            : date >= layout.Next ? (layout.Next, layout.AfterNext)
            : (layout.First, layout.Next);
        var week = Period.DaysBetween(first, date) / 7 + 1;
        return _weeks!.Contains(week, Period.DaysBetween(first, next) / 7);
    }

    /// <summary>The starts of week 1 of the years around calendar year <see cref="Year"/>.</summary>
    private sealed record WeekLayout(int Year, LocalDate Previous, LocalDate First, LocalDate Next, LocalDate AfterNext)
    {
        public static WeekLayout Of(int year, IsoDayOfWeek weekStart) => new(
            year,
            WeekNumbers.FirstWeekStart(year - 1, weekStart),
            WeekNumbers.FirstWeekStart(year, weekStart),
            WeekNumbers.FirstWeekStart(year + 1, weekStart),
            WeekNumbers.FirstWeekStart(year + 2, weekStart));
    }

    /// <summary>A set of RFC 5545 ordinals (1 is the first, -1 the last) as two tables.</summary>
    private sealed class Ordinals
    {
        private readonly bool[] _fromStart;
        private readonly bool[] _fromEnd;

        private Ordinals(int max)
        {
            _fromStart = new bool[max + 1];
            _fromEnd = new bool[max + 1];
        }

        public static Ordinals Empty { get; } = new(0);

        public bool IsEmpty => _fromStart.Length == 1;

        public static Ordinals? Of(IReadOnlyList<int> values, int max)
        {
            if (values.Count == 0)
            {
                return null;
            }

            var ordinals = new Ordinals(max);
            foreach (var value in values)
            {
                (value > 0 ? ordinals._fromStart : ordinals._fromEnd)[Math.Abs(value)] = true;
            }

            return ordinals;
        }

        /// <summary>Whether position <paramref name="n"/> of <paramref name="length"/> (1-based) is in the set.</summary>
        public bool Contains(int n, int length) => ContainsEither(n, length - n + 1);

        /// <summary>The same, given the position both from the start and from the end.</summary>
        public bool ContainsEither(int n, int fromEnd) =>
            (n < _fromStart.Length && _fromStart[n]) || (fromEnd >= 1 && fromEnd < _fromEnd.Length && _fromEnd[fromEnd]);
    }
}
