using Reminders.FaultInjection;
using static Reminders.Soak.Tests.ShapeTests;

namespace Reminders.Soak.Tests;

/// <summary>The checker fails a run for what it must: a miss, an unexplained copy, a key nothing allowed.</summary>
public sealed class SoakCheckerTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset WindowStart = Utc("2026-12-02T12:00:00Z");
    private static readonly DateTimeOffset WindowEnd = Utc("2026-12-02T12:05:00Z");
    private static readonly SoakChecker Checker = new(Grace, TimeSpan.FromSeconds(5));

    // Every minute at :00 from 12:01 UTC.
    private static readonly MinutelySchedule EveryMinute = new("UTC", new DateTime(2026, 12, 2, 12, 1, 0), [.. Enumerable.Range(0, 60)], 0, "m");

    [Fact]
    public void Check_EveryOccurrenceAcceptedOnce_Passes()
    {
        var entity = Created();
        var requests = Requests(("schedule:s1:20261202T120100", "12:01:00.3"), ("schedule:s1:20261202T120200", "12:02:01"), ("schedule:s1:20261202T120300", "12:03:00.1"),
            ("schedule:s1:20261202T120400", "12:04:00.2"), ("schedule:s1:20261202T120500", "12:05:02"));

        var result = Checker.Check([entity], [], requests, WindowStart, WindowEnd, WindowEnd.AddMinutes(1));

        Assert.True(result.Passed);
        Assert.Equal(5, result.Required);
        Assert.Equal(2, result.Lateness.Max().TotalSeconds);
    }

    [Fact]
    public void Check_AnOccurrenceNeverAccepted_FailsNamingIt()
    {
        var requests = Requests(("schedule:s1:20261202T120100", "12:01:00"), ("schedule:s1:20261202T120200", "12:02:00"),
            ("schedule:s1:20261202T120400", "12:04:00"), ("schedule:s1:20261202T120500", "12:05:00"));

        var result = Checker.Check([Created()], [], requests, WindowStart, WindowEnd, WindowEnd.AddMinutes(1));

        Assert.False(result.Passed);
        Assert.Equal("schedule:s1:20261202T120300", Assert.Single(result.Missing).Occurrence.Key);
    }

    [Fact]
    public void Check_ACopyWithNoFaultInFlight_FailsAsUnexplained_AndOneRightBeforeAKillPasses()
    {
        var requests = Requests(("schedule:s1:20261202T120100", "12:01:00"), ("schedule:s1:20261202T120200", "12:02:00"), ("schedule:s1:20261202T120300", "12:03:00"),
            ("schedule:s1:20261202T120400", "12:04:00"), ("schedule:s1:20261202T120500", "12:05:00"), ("schedule:s1:20261202T120300", "12:03:40"));

        var unexplained = Checker.Check([Created()], [], requests, WindowStart, WindowEnd, WindowEnd.AddMinutes(1));
        var kill = new ChaosEvent("kill -9", "worker-1", Utc("2026-12-02T12:03:02Z"), Utc("2026-12-02T12:03:02Z"));
        var explained = Checker.Check([Created()], [kill], requests, WindowStart, WindowEnd, WindowEnd.AddMinutes(1));

        Assert.False(unexplained.Passed);
        Assert.Equal("schedule:s1:20261202T120300", Assert.Single(unexplained.Unexplained).Key);
        Assert.True(explained.Passed);
        Assert.Same(kill, Assert.Single(explained.Duplicates).ExplainedBy);
    }

    [Fact]
    public void Check_DeliveredWhilePaused_FailsAsUnexpected_AndNothingIsRequiredNearThePause()
    {
        var entity = Created();
        entity.Add(Utc("2026-12-02T12:02:30Z"), Utc("2026-12-02T12:02:31Z"), null);
        var requests = Requests(("schedule:s1:20261202T120100", "12:01:00"), ("schedule:s1:20261202T120200", "12:02:00"), ("schedule:s1:20261202T120400", "12:04:00"));

        var result = Checker.Check([entity], [], requests, WindowStart, WindowEnd, WindowEnd.AddMinutes(1));

        Assert.False(result.Passed);
        Assert.Empty(result.Missing);
        Assert.Equal("schedule:s1:20261202T120400", Assert.Single(result.Unexpected).Key);
    }

    [Fact]
    public void Required_BeforeAPause_EndsTwoMinutesEarlier_SinceAPauseSkipsWhatIsStillBeingRetried()
    {
        var entity = Created();
        entity.Add(Utc("2026-12-02T12:04:30Z"), Utc("2026-12-02T12:04:31Z"), null);

        Assert.Equal(["schedule:s1:20261202T120100", "schedule:s1:20261202T120200"], entity.Required(WindowEnd, Grace).Select(o => o.Key));
        Assert.Contains("schedule:s1:20261202T120400", entity.Allowed(WindowEnd, Grace).Select(o => o.Key));
    }

    [Fact]
    public void Check_AroundAnEdit_EitherDefinitionWithinTheGrace_OnlyTheNewOneAfter()
    {
        var entity = Created();
        var everyOtherMinute = EveryMinute with { Minutes = [.. Enumerable.Range(0, 30).Select(m => m * 2)] };
        entity.Add(Utc("2026-12-02T12:02:58Z"), Utc("2026-12-02T12:02:59Z"), everyOtherMinute);

        // 12:03 is within the grace of the edit: the old definition may still have sent it, or not.
        var required = entity.Required(WindowEnd, Grace).Select(o => o.Key).ToList();
        var allowed = entity.Allowed(WindowEnd, Grace).Select(o => o.Key).ToList();

        Assert.Equal(["schedule:s1:20261202T120100", "schedule:s1:20261202T120200", "schedule:s1:20261202T120400"], required);
        Assert.Contains("schedule:s1:20261202T120300", allowed);
        Assert.DoesNotContain("schedule:s1:20261202T120500", allowed);
    }

    private static EntityTimeline Created()
    {
        var entity = new EntityTimeline("s1");
        entity.Add(Utc("2026-12-02T12:00:00Z"), Utc("2026-12-02T12:00:01Z"), EveryMinute);
        return entity;
    }

    // Each (key, HH:mm:ss on the window's day) is a request; the first for a key is accepted, a later one is a copy.
    private static List<RecordedRequest> Requests(params (string Key, string At)[] requests)
    {
        var seen = new HashSet<string>();
        return [.. requests.Select((r, i) => new RecordedRequest(
            i + 1, "/webhook", r.Key, null, Utc($"2026-12-02T{r.At}Z"), seen.Add(r.Key) ? FaultOutcome.Ok : FaultOutcome.Duplicate, RequestState.Answered, 200, "{}"))];
    }
}
