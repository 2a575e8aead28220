using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Grains.Recurrence;

// One period's days and BYSETPOS picks: all the expander keeps of a period.
public sealed partial class RecurrenceExpander
{
    /// <summary>The indices BYSETPOS selects from a period's <paramref name="total"/> instances, ascending and distinct.</summary>
    private void Pick(int total, List<int> picks, ref long search)
    {
        picks.Clear();
        Examine(ref search, _rule.BySetPos.Count);
        foreach (var position in _rule.BySetPos)
        {
            var index = position > 0 ? position - 1 : total + position;
            if (index >= 0 && index < total)
            {
                picks.Add(index);
            }
        }

        picks.Sort();
        for (var i = picks.Count - 1; i > 0; i--)
        {
            if (picks[i] == picks[i - 1])
            {
                picks.RemoveAt(i);
            }
        }
    }

    /// <summary>The days of the period that the rule selects, in order, with moved invalid dates.</summary>
    private void FillDays(LocalDateTime period, List<(LocalDate Date, OccurrenceAdjustments Adjustments)> days, ref long search)
    {
        days.Clear();
        var moved = false;
        switch (_rule.Frequency)
        {
            case Frequency.Yearly:
                foreach (var month in _months)
                {
                    AddMonth(period.Year, month, ref search);
                }

                break;
            case Frequency.Monthly:
                if (_days.MonthMatches(period.Month))
                {
                    AddMonth(period.Year, period.Month, ref search);
                }

                break;
            case Frequency.Weekly:
                for (var date = period.Date; date < period.Date.PlusDays(7); date = date.PlusDays(1))
                {
                    AddIfMatches(date, ref search);
                }

                break;
            case Frequency.Hourly:
                // The day was tested before the period's hours were.
                days.Add((period.Date, OccurrenceAdjustments.None));
                break;
            default:
                AddIfMatches(period.Date, ref search);
                break;
        }

        if (moved)
        {
            // A moved date may fall among other days, or on one the rule gives anyway: that one keeps no adjustment.
            days.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.Adjustments.CompareTo(b.Adjustments));
            for (var i = days.Count - 1; i > 0; i--)
            {
                if (days[i].Date == days[i - 1].Date)
                {
                    days.RemoveAt(i);
                }
            }
        }

        void AddMonth(int year, int month, ref long search)
        {
            var length = CalendarSystem.Iso.GetDaysInMonth(year, month);
            var first = new LocalDate(year, month, 1);
            for (var day = 0; day < length; day++)
            {
                AddIfMatches(first.PlusDays(day), ref search);
            }

            if (_movesInvalidDates)
            {
                foreach (var monthDay in _byMonthDay)
                {
                    if (MovedInvalidDate(year, month, length, monthDay) is { } date)
                    {
                        days.Add(date);
                        moved = true;
                    }
                }
            }
        }

        void AddIfMatches(LocalDate date, ref long search)
        {
            Examine(ref search, 1);
            if (_days.Matches(date))
            {
                days.Add((date, OccurrenceAdjustments.None));
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
}
