// RFC 5545 section 3.8.5.3 ("Recurrence Rule"), the examples on pages 123-132, transcribed as test vectors.
// Every example is DTSTART;TZID=America/New_York plus one RRULE (and, once, an EXDATE), so all of them fit
// this shape except the ones listed here, which are left out:
//   - "Every 15 minutes for 6 occurrences" (FREQ=MINUTELY;INTERVAL=15;COUNT=6): FREQ=MINUTELY, which our API refuses.
//   - "Every hour and a half for 4 occurrences" (FREQ=MINUTELY;INTERVAL=90;COUNT=4): FREQ=MINUTELY.
//   - The second form of "Every 20 minutes from 9:00 AM to 4:40 PM every day"
//     (FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,...,16): FREQ=MINUTELY. Its FREQ=DAILY form is kept below.
// No example in the section uses FREQ=SECONDLY, RDATE, more than one RRULE, or a DTSTART in another zone.
//
// Transcription notes:
//   - Rule is the RRULE value with the "RRULE:" prefix removed and the RFC's folded lines unfolded (RFC 5545
//     section 3.1: CRLF followed by one space is removed), e.g. "...;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=...".
//   - Expected holds wall-clock America/New_York times exactly as printed; the RFC's EDT/EST labels only say
//     which offset applies and are not stored.
//   - Where the RFC elides the middle of a run it prints at both ends ("September 2,4,6,8...24,26,28,30",
//     "9:00,9:20,9:40,10:00,10:20, ... 16:00,16:20,16:40"), the run is written out in full: the printed ends and
//     the rule fix it exactly. A trailing "..." (more instances follow) makes IsComplete false.
//   - DOUBT, resolved by the RFC's verified erratum 3883: the RFC prints "Every 3 hours from 9:00 AM to 5:00 PM"
//     as FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z, but 17:00Z is 13:00 EDT, which would end the set after
//     12:00 and contradict the listed 09:00,12:00,15:00. Erratum 3883 corrects UNTIL to 19970902T210000Z
//     (17:00 EDT); that corrected rule is the one used here, with the three instances the RFC lists.
//   - Weekdays were checked against the calendar: 1997-09-02 is a Tuesday, 1997-09-01 a Monday, 1997-08-05 a
//     Tuesday, 1996-11-05 a Tuesday, 2007-01-15 a Monday.
using NodaTime;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>
/// One RFC 5545 recurrence example: DTSTART as an America/New_York local date-time, the RRULE value (no "RRULE:"
/// prefix), EXDATEs as America/New_York local date-times, and the instances the RFC lists, in order. When
/// <see cref="IsComplete"/> is false the RFC shows only these first instances and then "...".
/// </summary>
public sealed record RfcExample(string Name, LocalDateTime Start, string Rule, IReadOnlyList<LocalDateTime> ExDates, IReadOnlyList<LocalDateTime> Expected, bool IsComplete)
{
    public override string ToString() => Name;
}

/// <summary>
/// The examples of RFC 5545 section 3.8.5.3 that fit one DTSTART in America/New_York, at most one RRULE and
/// optional EXDATEs, in RFC order. The file's opening comment lists the examples left out and why.
/// </summary>
public static class Rfc5545Examples
{
    public static IReadOnlyList<RfcExample> All { get; } =
    [
        new("Daily for 10 occurrences", At(1997, 9, 2), "FREQ=DAILY;COUNT=10", [],
            [.. Run(1997, 9, 2, 11)], true),

        new("Daily until December 24, 1997", At(1997, 9, 2), "FREQ=DAILY;UNTIL=19971224T000000Z", [],
            [.. Run(1997, 9, 2, 30), .. Run(1997, 10, 1, 31), .. Run(1997, 11, 1, 30), .. Run(1997, 12, 1, 23)], true),

        new("Every other day - forever", At(1997, 9, 2), "FREQ=DAILY;INTERVAL=2", [],
            [.. Run(1997, 9, 2, 30, 2), .. Run(1997, 10, 2, 30, 2), .. Run(1997, 11, 1, 29, 2), .. On(1997, 12, 1, 3)], false),

        new("Every 10 days, 5 occurrences", At(1997, 9, 2), "FREQ=DAILY;INTERVAL=10;COUNT=5", [],
            [.. On(1997, 9, 2, 12, 22), .. On(1997, 10, 2, 12)], true),

        new("Every day in January, for 3 years (yearly form)", At(1998, 1, 1),
            "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", [],
            [.. Run(1998, 1, 1, 31), .. Run(1999, 1, 1, 31), .. Run(2000, 1, 1, 31)], true),

        new("Every day in January, for 3 years (daily form)", At(1998, 1, 1),
            "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", [],
            [.. Run(1998, 1, 1, 31), .. Run(1999, 1, 1, 31), .. Run(2000, 1, 1, 31)], true),

        new("Weekly for 10 occurrences", At(1997, 9, 2), "FREQ=WEEKLY;COUNT=10", [],
            [.. On(1997, 9, 2, 9, 16, 23, 30), .. On(1997, 10, 7, 14, 21, 28), .. On(1997, 11, 4)], true),

        new("Weekly until December 24, 1997", At(1997, 9, 2), "FREQ=WEEKLY;UNTIL=19971224T000000Z", [],
            [.. On(1997, 9, 2, 9, 16, 23, 30), .. On(1997, 10, 7, 14, 21, 28), .. On(1997, 11, 4, 11, 18, 25), .. On(1997, 12, 2, 9, 16, 23)], true),

        new("Every other week - forever", At(1997, 9, 2), "FREQ=WEEKLY;INTERVAL=2;WKST=SU", [],
            [.. On(1997, 9, 2, 16, 30), .. On(1997, 10, 14, 28), .. On(1997, 11, 11, 25), .. On(1997, 12, 9, 23), .. On(1998, 1, 6, 20), .. On(1998, 2, 3, 17)], false),

        new("Weekly on Tuesday and Thursday for five weeks (UNTIL form)", At(1997, 9, 2),
            "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", [],
            [.. On(1997, 9, 2, 4, 9, 11, 16, 18, 23, 25, 30), .. On(1997, 10, 2)], true),

        new("Weekly on Tuesday and Thursday for five weeks (COUNT form)", At(1997, 9, 2),
            "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", [],
            [.. On(1997, 9, 2, 4, 9, 11, 16, 18, 23, 25, 30), .. On(1997, 10, 2)], true),

        new("Every other week on Monday, Wednesday and Friday until December 24, 1997", At(1997, 9, 1),
            "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", [],
            [.. On(1997, 9, 1, 3, 5, 15, 17, 19, 29), .. On(1997, 10, 1, 3, 13, 15, 17, 27, 29, 31), .. On(1997, 11, 10, 12, 14, 24, 26, 28), .. On(1997, 12, 8, 10, 12, 22)], true),

        new("Every other week on Tuesday and Thursday, for 8 occurrences", At(1997, 9, 2),
            "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", [],
            [.. On(1997, 9, 2, 4, 16, 18, 30), .. On(1997, 10, 2, 14, 16)], true),

        new("Monthly on the first Friday for 10 occurrences", At(1997, 9, 5), "FREQ=MONTHLY;COUNT=10;BYDAY=1FR", [],
            [.. On(1997, 9, 5), .. On(1997, 10, 3), .. On(1997, 11, 7), .. On(1997, 12, 5), .. On(1998, 1, 2), .. On(1998, 2, 6), .. On(1998, 3, 6), .. On(1998, 4, 3), .. On(1998, 5, 1), .. On(1998, 6, 5)], true),

        new("Monthly on the first Friday until December 24, 1997", At(1997, 9, 5), "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", [],
            [.. On(1997, 9, 5), .. On(1997, 10, 3), .. On(1997, 11, 7), .. On(1997, 12, 5)], true),

        new("Every other month on the first and last Sunday for 10 occurrences", At(1997, 9, 7),
            "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", [],
            [.. On(1997, 9, 7, 28), .. On(1997, 11, 2, 30), .. On(1998, 1, 4, 25), .. On(1998, 3, 1, 29), .. On(1998, 5, 3, 31)], true),

        new("Monthly on the second-to-last Monday for 6 months", At(1997, 9, 22), "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", [],
            [.. On(1997, 9, 22), .. On(1997, 10, 20), .. On(1997, 11, 17), .. On(1997, 12, 22), .. On(1998, 1, 19), .. On(1998, 2, 16)], true),

        new("Monthly on the third-to-the-last day, forever", At(1997, 9, 28), "FREQ=MONTHLY;BYMONTHDAY=-3", [],
            [.. On(1997, 9, 28), .. On(1997, 10, 29), .. On(1997, 11, 28), .. On(1997, 12, 29), .. On(1998, 1, 29), .. On(1998, 2, 26)], false),

        new("Monthly on the 2nd and 15th for 10 occurrences", At(1997, 9, 2), "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", [],
            [.. On(1997, 9, 2, 15), .. On(1997, 10, 2, 15), .. On(1997, 11, 2, 15), .. On(1997, 12, 2, 15), .. On(1998, 1, 2, 15)], true),

        new("Monthly on the first and last day for 10 occurrences", At(1997, 9, 30), "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", [],
            [.. On(1997, 9, 30), .. On(1997, 10, 1, 31), .. On(1997, 11, 1, 30), .. On(1997, 12, 1, 31), .. On(1998, 1, 1, 31), .. On(1998, 2, 1)], true),

        new("Every 18 months on the 10th thru 15th for 10 occurrences", At(1997, 9, 10),
            "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", [],
            [.. Run(1997, 9, 10, 15), .. Run(1999, 3, 10, 13)], true),

        new("Every Tuesday, every other month", At(1997, 9, 2), "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", [],
            [.. On(1997, 9, 2, 9, 16, 23, 30), .. On(1997, 11, 4, 11, 18, 25), .. On(1998, 1, 6, 13, 20, 27), .. On(1998, 3, 3, 10, 17, 24, 31)], false),

        new("Yearly in June and July for 10 occurrences", At(1997, 6, 10), "FREQ=YEARLY;COUNT=10;BYMONTH=6,7", [],
            [.. On(1997, 6, 10), .. On(1997, 7, 10), .. On(1998, 6, 10), .. On(1998, 7, 10), .. On(1999, 6, 10), .. On(1999, 7, 10), .. On(2000, 6, 10), .. On(2000, 7, 10), .. On(2001, 6, 10), .. On(2001, 7, 10)], true),

        new("Every other year on January, February and March for 10 occurrences", At(1997, 3, 10),
            "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", [],
            [.. On(1997, 3, 10), .. On(1999, 1, 10), .. On(1999, 2, 10), .. On(1999, 3, 10), .. On(2001, 1, 10), .. On(2001, 2, 10), .. On(2001, 3, 10), .. On(2003, 1, 10), .. On(2003, 2, 10), .. On(2003, 3, 10)], true),

        new("Every third year on the 1st, 100th and 200th day for 10 occurrences", At(1997, 1, 1),
            "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", [],
            [.. On(1997, 1, 1), .. On(1997, 4, 10), .. On(1997, 7, 19), .. On(2000, 1, 1), .. On(2000, 4, 9), .. On(2000, 7, 18), .. On(2003, 1, 1), .. On(2003, 4, 10), .. On(2003, 7, 19), .. On(2006, 1, 1)], true),

        new("Every 20th Monday of the year, forever", At(1997, 5, 19), "FREQ=YEARLY;BYDAY=20MO", [],
            [.. On(1997, 5, 19), .. On(1998, 5, 18), .. On(1999, 5, 17)], false),

        new("Monday of week number 20, forever", At(1997, 5, 12), "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", [],
            [.. On(1997, 5, 12), .. On(1998, 5, 11), .. On(1999, 5, 17)], false),

        new("Every Thursday in March, forever", At(1997, 3, 13), "FREQ=YEARLY;BYMONTH=3;BYDAY=TH", [],
            [.. On(1997, 3, 13, 20, 27), .. On(1998, 3, 5, 12, 19, 26), .. On(1999, 3, 4, 11, 18, 25)], false),

        new("Every Thursday in June, July and August, forever", At(1997, 6, 5), "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", [],
            [
                .. On(1997, 6, 5, 12, 19, 26), .. On(1997, 7, 3, 10, 17, 24, 31), .. On(1997, 8, 7, 14, 21, 28),
                .. On(1998, 6, 4, 11, 18, 25), .. On(1998, 7, 2, 9, 16, 23, 30), .. On(1998, 8, 6, 13, 20, 27),
                .. On(1999, 6, 3, 10, 17, 24), .. On(1999, 7, 1, 8, 15, 22, 29), .. On(1999, 8, 5, 12, 19, 26),
            ], false),

        // The only example with an EXDATE: it removes DTSTART, which is not a Friday the 13th.
        new("Every Friday the 13th, forever", At(1997, 9, 2), "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", [At(1997, 9, 2)],
            [.. On(1998, 2, 13), .. On(1998, 3, 13), .. On(1998, 11, 13), .. On(1999, 8, 13), .. On(2000, 10, 13)], false),

        new("First Saturday that follows the first Sunday of the month, forever", At(1997, 9, 13),
            "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", [],
            [.. On(1997, 9, 13), .. On(1997, 10, 11), .. On(1997, 11, 8), .. On(1997, 12, 13), .. On(1998, 1, 10), .. On(1998, 2, 7), .. On(1998, 3, 7), .. On(1998, 4, 11), .. On(1998, 5, 9), .. On(1998, 6, 13)], false),

        new("Every 4 years, the first Tuesday after a Monday in November (U.S. Presidential Election day)", At(1996, 11, 5),
            "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", [],
            [.. On(1996, 11, 5), .. On(2000, 11, 7), .. On(2004, 11, 2)], false),

        new("Third instance of Tuesday, Wednesday or Thursday, for the next 3 months", At(1997, 9, 4),
            "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", [],
            [.. On(1997, 9, 4), .. On(1997, 10, 7), .. On(1997, 11, 6)], true),

        new("Second-to-last weekday of the month", At(1997, 9, 29), "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", [],
            [.. On(1997, 9, 29), .. On(1997, 10, 30), .. On(1997, 11, 27), .. On(1997, 12, 30), .. On(1998, 1, 29), .. On(1998, 2, 26), .. On(1998, 3, 30)], false),

        // UNTIL as corrected by verified erratum 3883; the RFC text prints 19970902T170000Z (see the note at the top).
        new("Every 3 hours from 9:00 AM to 5:00 PM on a specific day", At(1997, 9, 2),
            "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z", [],
            [.. Times(1997, 9, 2, 900, 1200, 1500)], true),

        // The FREQ=DAILY form only; the FREQ=MINUTELY form is left out (see the note at the top).
        new("Every 20 minutes from 9:00 AM to 4:40 PM every day", At(1997, 9, 2),
            "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", [],
            [
                .. Times(1997, 9, 2, 900, 920, 940, 1000, 1020, 1040, 1100, 1120, 1140, 1200, 1220, 1240),
                .. Times(1997, 9, 2, 1300, 1320, 1340, 1400, 1420, 1440, 1500, 1520, 1540, 1600, 1620, 1640),
                .. Times(1997, 9, 3, 900, 920, 940, 1000, 1020, 1040, 1100, 1120, 1140, 1200, 1220, 1240),
                .. Times(1997, 9, 3, 1300, 1320, 1340, 1400, 1420, 1440, 1500, 1520, 1540, 1600, 1620, 1640),
            ], false),

        new("Days generated depend on WKST (WKST=MO)", At(1997, 8, 5), "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", [],
            [.. On(1997, 8, 5, 10, 19, 24)], true),

        new("Days generated depend on WKST (WKST=SU)", At(1997, 8, 5), "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", [],
            [.. On(1997, 8, 5, 17, 19, 31)], true),

        new("Invalid date (February 30) is ignored", At(2007, 1, 15), "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", [],
            [.. On(2007, 1, 15, 30), .. On(2007, 2, 15), .. On(2007, 3, 15, 30)], true),
    ];

    private static LocalDateTime At(int y, int m, int d, int h = 9, int min = 0) => new(y, m, d, h, min);

    /// <summary>The given days of one month, each at 09:00.</summary>
    private static List<LocalDateTime> On(int y, int m, params ReadOnlySpan<int> days)
    {
        var result = new List<LocalDateTime>(days.Length);
        foreach (var d in days)
        {
            result.Add(At(y, m, d));
        }

        return result;
    }

    /// <summary>Days <paramref name="from"/> to <paramref name="to"/> (inclusive) of one month, every <paramref name="step"/> days, each at 09:00.</summary>
    private static List<LocalDateTime> Run(int y, int m, int from, int to, int step = 1)
    {
        var result = new List<LocalDateTime>();
        for (var d = from; d <= to; d += step)
        {
            result.Add(At(y, m, d));
        }

        return result;
    }

    /// <summary>One day at the given wall-clock times, each written as hhmm (e.g. 1540 for 15:40).</summary>
    private static List<LocalDateTime> Times(int y, int m, int d, params ReadOnlySpan<int> hhmm)
    {
        var result = new List<LocalDateTime>(hhmm.Length);
        foreach (var t in hhmm)
        {
            result.Add(At(y, m, d, t / 100, t % 100));
        }

        return result;
    }
}
