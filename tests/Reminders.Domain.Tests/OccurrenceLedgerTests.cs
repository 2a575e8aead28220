using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests;

/// <summary>Recording what fell due: in order, once, late or expired as the clock says.</summary>
public sealed class OccurrenceLedgerTests
{
    private static readonly Duration LateAfter = Duration.FromMinutes(1);

    // London is on +00:00 in early March (BST starts on the last Sunday), so 09:00 local is 09:00Z.
    private static RecurringSeries Birthday(Duration? catchUp = null) => Series.Annual(EventKinds.Birthday, "Europe/London", 3, 10, catchUpWindow: catchUp);

    private static RecurringSeries Anniversary(Duration? catchUp = null) => Series.Annual(EventKinds.Anniversary, "Europe/London", 3, 5, catchUpWindow: catchUp);

    [Fact]
    public void RecordDue_SeveralDueAcrossTwoSeries_RecordsAllOldestFirst()
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc("2025-03-07T00:00:00Z")); // after the 2025 anniversary
        var catchUp = Duration.FromDays(400);
        var now = Time.Utc("2026-03-10T09:00:00Z"); // exactly the 2026 birthday

        Assert.NotEmpty(ledger.RecordDue([Birthday(catchUp), Anniversary(catchUp)], now, LateAfter));

        Assert.Equal(
            [
                ("user:ada:birthday:2025", Time.Utc("2025-03-10T09:00:00Z"), OccurrenceStatus.Scheduled, true),
                ("user:ada:anniversary:2026", Time.Utc("2026-03-05T09:00:00Z"), OccurrenceStatus.Scheduled, true),
                ("user:ada:birthday:2026", Time.Utc("2026-03-10T09:00:00Z"), OccurrenceStatus.Scheduled, false),
            ],
            ledger.Records.Select(r => (r.Key, r.Due, r.Status, r.Late)));
        Assert.Equal(now + Duration.Epsilon, ledger.Cursor);
    }

    [Fact]
    public void RecordDue_NewRecord_FixesPayloadLocalTimeAndDeadline()
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc("2026-03-01T00:00:00Z"));

        ledger.RecordDue([Birthday()], Time.Utc("2026-03-10T09:00:00Z"), LateAfter);

        var record = Assert.Single(ledger.Records);
        Assert.Equal(
            (EventKinds.Birthday, Time.Local("2026-03-10T09:00:00"), Time.Utc("2026-03-12T09:00:00Z"), "ada@example.com", "Hey, Ada Lovelace (birthday)", 0),
            (record.Kind, record.LocalTime, record.Deadline, record.Recipient["email"], record.Message, record.Attempts));
    }

    [Theory]
    [InlineData("2026-03-10T09:00:00Z", false)] // on time
    [InlineData("2026-03-10T09:01:00Z", false)] // exactly lateAfter is not late
    [InlineData("2026-03-10T09:01:01Z", true)]
    [InlineData("2026-03-11T09:00:00Z", true)]
    public void RecordDue_FallenDueLongerAgoThanLateAfter_MarksLate(string now, bool late)
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc("2026-03-01T00:00:00Z"));

        ledger.RecordDue([Birthday()], Time.Utc(now), LateAfter);

        var record = Assert.Single(ledger.Records);
        Assert.Equal((OccurrenceStatus.Scheduled, late), (record.Status, record.Late));
    }

    [Theory]
    [InlineData("2026-03-12T09:00:00Z", OccurrenceStatus.Scheduled)] // exactly at the deadline: still sent
    [InlineData("2026-03-12T09:00:01Z", OccurrenceStatus.Skipped)]
    [InlineData("2026-04-10T00:00:00Z", OccurrenceStatus.Skipped)]
    public void RecordDue_BeyondTheCatchUpWindow_RecordsSkippedAsExpired(string now, OccurrenceStatus expected)
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc("2026-03-01T00:00:00Z"));

        ledger.RecordDue([Birthday(Duration.FromDays(2))], Time.Utc(now), LateAfter);

        var record = Assert.Single(ledger.Records);
        Assert.Equal(expected, record.Status);
        Assert.Equal(Time.Utc("2026-03-12T09:00:00Z"), record.Deadline);
        if (expected == OccurrenceStatus.Skipped)
        {
            Assert.StartsWith("expired", record.LastError, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(record.LastError);
        }
    }

    [Fact]
    public void RecordDue_CalledTwice_AddsNothingTheSecondTime()
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc("2026-03-01T00:00:00Z"));
        var now = Time.Utc("2026-03-10T09:00:00Z");
        Assert.NotEmpty(ledger.RecordDue([Birthday(), Anniversary()], now, LateAfter));

        Assert.Empty(ledger.RecordDue([Birthday(), Anniversary()], now, LateAfter));
        Assert.Empty(ledger.RecordDue([Birthday(), Anniversary()], now + Duration.FromHours(1), LateAfter));

        Assert.Equal(["user:ada:anniversary:2026", "user:ada:birthday:2026"], ledger.Records.Select(r => r.Key));
    }

    [Fact]
    public void RecordDue_NewActivationWithOnlyTheHighWaterMarks_NeverRecordsThemAgain()
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc("2026-03-01T00:00:00Z"));
        ledger.RecordDue([Birthday(), Anniversary()], Time.Utc("2026-03-10T09:00:00Z"), LateAfter);

        // A later activation starts from the cursor last written to state, far behind, and the table's marks.
        var next = new OccurrenceLedger("user:ada");
        next.PassOverUntil(Time.Utc("2026-03-01T00:00:00Z"));
        foreach (var (series, mark) in ledger.HighWater)
        {
            next.RaiseHighWater(series, mark);
        }

        Assert.Empty(next.RecordDue([Birthday(), Anniversary()], Time.Utc("2026-03-10T10:00:00Z"), LateAfter));
        Assert.Equal(
            [("user:ada:anniversary", Time.Local("2026-01-01T00:00:00")), ("user:ada:birthday", Time.Local("2026-01-01T00:00:00"))],
            next.HighWater.OrderBy(h => h.Key).Select(h => (h.Key, h.Value)));
    }

    [Fact]
    public void RecordDue_ZoneMovedWestAfterDeliveries_EmitsNothingAtOrBelowTheHighWaterMark()
    {
        // Every 5 minutes in Berlin for a day, then the same rule in Los Angeles (9 hours behind): the LA local
        // times of the next 9 hours were already delivered in Berlin under the same keys.
        var berlin = Series.EveryFiveMinutes("Europe/Berlin");
        var losAngeles = Series.EveryFiveMinutes("America/Los_Angeles");
        var ledger = new OccurrenceLedger("schedule:dense");
        ledger.PassOverUntil(Time.Utc("2027-01-10T00:00:00Z"));
        var delivered = ledger.RecordDue([berlin], Time.Utc("2027-01-11T00:00:00Z"), LateAfter).Select(r => r.Key).ToHashSet();

        ledger.PassOverUntil(Time.Utc("2027-01-11T00:00:00Z")); // the edit
        var after = ledger.RecordDue([losAngeles], Time.Utc("2027-01-11T12:00:00Z"), LateAfter);

        Assert.Equal(24 * 12 + 1, delivered.Count);
        Assert.DoesNotContain(after, r => delivered.Contains(r.Key));
        Assert.Equal(Time.Local("2027-01-11T01:05:00"), after[0].LocalTime); // Berlin's last was 01:00 local
    }

    [Fact]
    public void RecordDue_BirthdayMovedLaterAfterThisYearsWasDelivered_DoesNotSendThisYearAgain()
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc("2026-03-01T00:00:00Z"));
        ledger.RecordDue([Series.Annual(EventKinds.Birthday, "Europe/London", 3, 2)], Time.Utc("2026-03-02T09:00:00Z"), LateAfter);
        ledger.Records[0].Status = OccurrenceStatus.Delivered;

        ledger.PassOverUntil(Time.Utc("2026-03-05T00:00:00Z")); // the edit moves the birthday to Mar 10

        Assert.Empty(ledger.RecordDue([Birthday()], Time.Utc("2026-03-10T09:00:00Z"), LateAfter));
        Assert.Equal("user:ada:birthday:2026", Assert.Single(ledger.Records).Key);
        Assert.Equal(Time.Utc("2027-03-10T09:00:00Z"), ledger.NextWake([Birthday()]));
    }

    [Theory]
    [InlineData("2026-03-10T09:00:00Z", "user:ada:birthday:2026")] // created exactly at 09:00: today's counts
    [InlineData("2026-03-10T09:00:01Z", "user:ada:birthday:2027")] // created a second later: next year's
    public void PassOverUntil_Creation_FirstRecordedIsTheFirstOccurrenceAtOrAfterIt(string created, string expectedKey)
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc(created));

        ledger.RecordDue([Birthday()], Time.Utc("2027-03-10T09:00:00Z"), LateAfter);

        Assert.Equal(expectedKey, ledger.Records[0].Key);
        Assert.DoesNotContain(ledger.Records, r => r.Due < Time.Utc(created));
    }

    [Fact]
    public void PassOverUntil_EarlierInstant_NeverMovesTheCursorBack()
    {
        var ledger = new OccurrenceLedger("user:ada");
        ledger.PassOverUntil(Time.Utc("2026-03-10T00:00:00Z"));

        ledger.PassOverUntil(Time.Utc("2026-03-01T00:00:00Z"));

        Assert.Equal(Time.Utc("2026-03-10T00:00:00Z"), ledger.Cursor);
    }

    [Fact]
    public void DropClosed_ClosedAndWrittenRecords_AreForgottenOpenAndUnwrittenKept()
    {
        var ledger = new OccurrenceLedger("user:ada");
        var due = Time.Utc("2026-03-10T09:00:00Z");
        var delivered = Records.Of("delivered", due, OccurrenceStatus.Delivered);
        delivered.Version = 2;
        var retrying = Records.Of("retrying", due, OccurrenceStatus.Retrying, due + Duration.FromMinutes(5));
        retrying.Version = 2;
        var unwritten = Records.Of("skipped-unwritten", due, OccurrenceStatus.Skipped);
        ledger.Records.AddRange([delivered, retrying, unwritten]);

        ledger.DropClosed();

        Assert.Equal(["retrying", "skipped-unwritten"], ledger.Records.Select(r => r.Key));
    }
}
