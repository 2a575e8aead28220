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
/// <remarks>
/// Work is bounded whatever the rule: a period's set is never built, only its days (at most a year's); an
/// instance is computed from its index (day, then time), so BYSETPOS and skipping to <c>from</c> are
/// arithmetic. The search between two instances stops after <see cref="MaxSearch"/> candidates.
/// </remarks>
public sealed partial class RecurrenceExpander
{
    /// <summary>
    /// The most candidates (periods, days and instances not returned) examined between two instances. A 400-year
    /// search examines about 300,000 for a daily rule and fewer for the others, so no rule that has an instance
    /// within the horizon is cut short; a rule that would need more is reported by <see cref="SearchExhausted"/>.
    /// </summary>
    public const int MaxSearch = 500_000;

    // The Gregorian calendar repeats every 400 years: a rule with no instance in that long has none at all.
    private const int SearchYears = 400;

    private readonly LocalDateTime _start;
    private readonly RecurrenceRule _rule;
    private readonly InvalidDatePolicy _invalidDates;
    private readonly IReadOnlyList<int> _byMonthDay;
    private readonly int[] _months;
    private readonly DayFilter _days;
    private readonly LocalTime[] _times;
    private readonly LocalTime[][] _timesInHour;
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
        IReadOnlyList<int> byMonth = rule.ByMonth;
        _byMonthDay = rule.ByMonthDay;
        IReadOnlyList<WeekdayNumber> byDay = rule.ByDay;

        // Without any day-level part, the day comes from DTSTART (RFC 5545 3.3.10, "information not contained in the rule").
        if (rule is { ByWeekNo.Count: 0, ByYearDay.Count: 0, ByMonthDay.Count: 0, ByDay.Count: 0 })
        {
            switch (rule.Frequency)
            {
                case Frequency.Yearly:
                    byMonth = rule.ByMonth.Count > 0 ? rule.ByMonth : [start.Month];
                    _byMonthDay = [start.Day];
                    break;
                case Frequency.Monthly:
                    _byMonthDay = [start.Day];
                    break;
                case Frequency.Weekly:
                    byDay = [new WeekdayNumber(0, start.DayOfWeek)];
                    break;
            }
        }

        _months = byMonth.Count > 0 ? [.. byMonth.Distinct().Order()] : Months;
        _days = new DayFilter(rule, byMonth, _byMonthDay, byDay);
        var hours = Sorted(rule.ByHour, start.Hour);
        var minutes = Sorted(rule.ByMinute, start.Minute);
        var seconds = Sorted(rule.BySecond, start.Second);
        _times = [.. hours.SelectMany(h => minutes.SelectMany(m => seconds.Select(s => new LocalTime(h, m, s))))];

        // HOURLY takes the hour from the period, and only when BYHOUR (if any) allows it.
        _timesInHour = [.. Enumerable.Range(0, 24).Select(h => rule.ByHour.Count == 0 || rule.ByHour.Contains(h)
            ? minutes.SelectMany(m => seconds.Select(s => new LocalTime(h, m, s))).ToArray()
            : [])];
        _movesInvalidDates = invalidDates != InvalidDatePolicy.Omit
            && rule.Frequency is Frequency.Yearly or Frequency.Monthly
            && rule is { ByDay.Count: 0, ByYearDay.Count: 0, ByWeekNo.Count: 0 };
    }

    /// <summary>The periods expanded so far by this instance, for tests of how far a call has to go.</summary>
    internal long PeriodsVisited { get; private set; }

    /// <summary>Every candidate examined so far by this instance (periods, days, instances): the measure of its work.</summary>
    public long CandidatesExamined { get; private set; }

    /// <summary>True when the last expansion to end did so because it reached <see cref="MaxSearch"/>, not the rule's end.</summary>
    public bool SearchExhausted { get; private set; }

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

        // Instances before the floor are never counted (before DTSTART), or not needed (before from, without COUNT).
        var floor = _rule.Count is null && from > _start ? from : _start;
        var horizonYear = Math.Min(9_990, Math.Max(_start.Year, from.Year) + SearchYears + YearsPerStep());
        var days = new List<(LocalDate Date, OccurrenceAdjustments Adjustments)>();
        var picks = new List<int>();
        long search = 0;
        SearchExhausted = false;
        while (true)
        {
            if (search > MaxSearch)
            {
                SearchExhausted = true;
                yield break;
            }

            PeriodsVisited++;
            Examine(ref search, 1);
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

            if (_rule.Frequency == Frequency.Hourly && !_days.Matches(period.Date))
            {
                // Skip the rest of a day that cannot match, a whole day of hours at a time.
                var hoursLeft = 24 - period.Hour;
                k += (hoursLeft + step - 1) / step * step;
                continue;
            }

            var times = _rule.Frequency == Frequency.Hourly ? _timesInHour[period.Hour] : _times;
            FillDays(period, days, ref search);
            var total = days.Count * times.Length;
            var position = 0;
            var end = _rule.BySetPos.Count > 0 ? 0 : total;
            if (_rule.BySetPos.Count > 0 && total > 0)
            {
                Pick(total, picks, ref search);
                end = picks.Count;
            }
            else
            {
                position = FirstAbove(times, total, floor, last);
            }

            for (; position < end; position++)
            {
                var index = _rule.BySetPos.Count > 0 ? picks[position] : position;
                var time = times[index % times.Length];
                var (date, adjustments) = days[index / times.Length];
                var local = date + time;
                if (local < floor || (last is { } previous && local <= previous))
                {
                    Examine(ref search, 1);
                    continue;
                }

                if (_rule.Until is { Local: { } until } && local > until)
                {
                    yield break;
                }

                last = local;
                emitted++;
                if (local >= from)
                {
                    search = 0;
                    yield return new LocalInstance(local, adjustments);
                }
                else
                {
                    Examine(ref search, 1);
                }

                if (emitted == _rule.Count)
                {
                    yield break;
                }
            }

            k += step;
        }

        // The first index in [lo, hi) whose instance is at or after the floor and after the last one; instances rise with the index.
        int FirstAbove(LocalTime[] times, int hi, LocalDateTime atLeast, LocalDateTime? after)
        {
            var lo = 0;
            while (lo < hi)
            {
                var mid = lo + (hi - lo) / 2;
                var local = days[mid / times.Length].Date + times[mid % times.Length];
                if (local < atLeast || (after is { } a && local <= a))
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }

    private void Examine(ref long search, int candidates)
    {
        search += candidates;
        CandidatesExamined += candidates;
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
