using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests;

/// <summary>Yearly occurrences: 09:00 in the user's zone, Feb 29 on Feb 28 in common years, one stable key per year.</summary>
public sealed class AnnualSeriesTests
{
    public static TheoryData<string, int, int, string> OddOffsetsAndSouthernDst => new()
    {
        // zone, month, day, expected 2026 occurrence
        { "Asia/Kathmandu", 12, 10, "2026-12-10T09:00:00+05:45" },
        { "Pacific/Chatham", 7, 10, "2026-07-10T09:00:00+12:45" },      // southern winter
        { "Pacific/Chatham", 12, 10, "2026-12-10T09:00:00+13:45" },     // southern summer DST
        { "America/St_Johns", 1, 10, "2026-01-10T09:00:00-03:30" },
        { "America/St_Johns", 7, 10, "2026-07-10T09:00:00-02:30" },     // northern summer DST
        { "Australia/Melbourne", 12, 10, "2026-12-10T09:00:00+11:00" }, // southern summer DST
        { "Australia/Melbourne", 6, 10, "2026-06-10T09:00:00+10:00" },  // southern winter
    };

    public static TheoryData<int, string> LeapDayBirthdays => new()
    {
        { 2026, "2026-02-28T09:00:00+00:00" },
        { 2027, "2027-02-28T09:00:00+00:00" },
        { 2028, "2028-02-29T09:00:00+00:00" },
        { 2100, "2100-02-28T09:00:00+00:00" }, // divisible by 100, not by 400: a common year
        { 2400, "2400-02-29T09:00:00+00:00" },
    };

    [Theory]
    [MemberData(nameof(OddOffsetsAndSouthernDst))]
    public void InYear_ZoneWithOddOffset_IsAt0900Local(string zone, int month, int day, string expected)
    {
        var occurrence = Series.Annual(EventKinds.Birthday, zone, month, day).InYear(2026);

        Assert.Equal(Time.At(expected), Time.In(occurrence.Due, Time.Zone(zone)));
        Assert.Equal(Time.At(expected).LocalDateTime, occurrence.LocalTime);
    }

    [Theory]
    [MemberData(nameof(LeapDayBirthdays))]
    public void InYear_Feb29Birthday_IsFeb28InCommonYearsAndFeb29InLeapYears(int year, string expected)
    {
        var occurrence = Series.Annual(EventKinds.Birthday, "Europe/London", 2, 29).InYear(year);

        Assert.Equal(Time.At(expected), Time.In(occurrence.Due, Time.Zone("Europe/London")));
        Assert.Equal($"user:ada:birthday:{year}", occurrence.Key);
    }

    [Fact]
    public void InYear_SpringForwardGap_UsesTheResolverShift()
    {
        // 02:30 on New York's 2027 spring-forward night does not exist: 03:30-04:00 instead.
        var occurrence = Series.Annual(EventKinds.Birthday, "America/New_York", 3, 14, hour: 2, minute: 30).InYear(2027);

        Assert.Equal(Time.At("2027-03-14T03:30:00-04:00"), Time.In(occurrence.Due, Time.Zone("America/New_York")));
        Assert.Equal(Time.Local("2027-03-14T02:30:00"), occurrence.LocalTime);
    }

    [Theory]
    [InlineData(EventKinds.Birthday, 2026, "user:ada:birthday:2026")]
    [InlineData(EventKinds.Anniversary, 2027, "user:ada:anniversary:2027")]
    [InlineData(EventKinds.Birthday, 987, "user:ada:birthday:0987")]
    public void InYear_AnyYear_KeyIsUserIdKindYear(string kind, int year, string expected)
    {
        var occurrence = Series.Annual(kind, "Europe/London", 5, 1).InYear(year);

        Assert.Equal((expected, kind), (occurrence.Key, occurrence.Kind));
    }

    [Theory]
    [InlineData("2026-12-10T03:14:59Z", "user:ada:birthday:2026", "2026-12-10T09:00:00+05:45")] // just before
    [InlineData("2026-12-10T03:15:00Z", "user:ada:birthday:2026", "2026-12-10T09:00:00+05:45")] // exactly at counts
    [InlineData("2026-12-10T03:15:01Z", "user:ada:birthday:2027", "2027-12-10T09:00:00+05:45")] // just after
    [InlineData("2026-01-01T00:00:00Z", "user:ada:birthday:2026", "2026-12-10T09:00:00+05:45")]
    public void NextAtOrAfter_Instant_IsTheFirstOccurrenceAtOrAfterIt(string from, string expectedKey, string expected)
    {
        var next = Series.Annual(EventKinds.Birthday, "Asia/Kathmandu", 12, 10).Next(Time.Utc(from), Series.NoneKnown);

        Assert.Equal((expectedKey, Time.At(expected)), (next.Key, Time.In(next.Due, Time.Zone("Asia/Kathmandu"))));
    }

    [Fact]
    public void NextAtOrAfter_HighWaterMarkInAYear_SkipsToTheYearAfterIt()
    {
        var highWater = OccurrenceKeys.AnnualNominal(Time.Local("2027-12-10T09:00:00")); // 2026 and 2027 are recorded

        var next = Series.Annual(EventKinds.Birthday, "Europe/London", 12, 10)
            .Next(Time.Utc("2026-12-01T00:00:00Z"), highWater);

        Assert.Equal(("user:ada:birthday:2028", Time.At("2028-12-10T09:00:00+00:00")), (next.Key, Time.In(next.Due, Time.Zone("Europe/London"))));
    }

    [Fact]
    public void NextAtOrAfter_LateDec31UtcAlreadyJan1InAuckland_IsNextYearsOccurrence()
    {
        // 2026-12-31T15:00Z is 2027-01-01T04:00+13:00 in Auckland: the Jan 1 birthday is five hours away, and it is 2027's.
        var next = Series.Annual(EventKinds.Birthday, "Pacific/Auckland", 1, 1).Next(Time.Utc("2026-12-31T15:00:00Z"), Series.NoneKnown);

        Assert.Equal("user:ada:birthday:2027", next.Key);
        Assert.Equal(Time.At("2027-01-01T09:00:00+13:00"), Time.In(next.Due, Time.Zone("Pacific/Auckland")));
        Assert.Equal(Time.Utc("2026-12-31T20:00:00Z"), next.Due);
    }

    [Fact]
    public void NextAtOrAfter_EarlyJan1UtcStillDec31InHonolulu_IsThisYearsOccurrence()
    {
        // 2027-01-01T02:00Z is 2026-12-31T16:00-10:00 in Honolulu: the 20:00 Dec 31 occurrence is 2026's, not yet past.
        var next = Series.Annual(EventKinds.Birthday, "Pacific/Honolulu", 12, 31, hour: 20)
            .Next(Time.Utc("2027-01-01T02:00:00Z"), Series.NoneKnown);

        Assert.Equal("user:ada:birthday:2026", next.Key);
        Assert.Equal(Time.At("2026-12-31T20:00:00-10:00"), Time.In(next.Due, Time.Zone("Pacific/Honolulu")));
    }

    [Theory]
    [InlineData("Europe/London", 2, 29)]
    [InlineData("Pacific/Chatham", 12, 31)]
    [InlineData("Australia/Lord_Howe", 10, 4)]
    public void NextAtOrAfter_FollowedAcrossYears_StrictlyIncreasesOneYearAtATime(string zone, int month, int day)
    {
        var series = Series.Annual(EventKinds.Birthday, zone, month, day);
        var previous = series.Next(Time.Utc("2026-01-01T00:00:00Z"), Series.NoneKnown);
        Assert.Equal("user:ada:birthday:2026", previous.Key);

        for (var year = 2027; year < 2060; year++)
        {
            var next = series.Next(previous.Due + Duration.Epsilon, Series.NoneKnown);
            Assert.True(next.Due > previous.Due, $"{next.Key} at {next.Due} is not after {previous.Key} at {previous.Due}");
            Assert.Equal($"user:ada:birthday:{year}", next.Key);
            previous = next;
        }
    }

    [Fact]
    public void NextAtOrAfter_CalledAgainOrOnAnEditedSeries_KeepsTheSameKey()
    {
        var from = Time.Utc("2026-06-01T00:00:00Z");
        var original = Series.Annual(EventKinds.Birthday, "Europe/London", 12, 10);
        var moved = Series.Annual(EventKinds.Birthday, "Asia/Kathmandu", 12, 10, hour: 7, minute: 30);

        var first = original.Next(from, Series.NoneKnown);

        Assert.Equal(first, original.Next(from, Series.NoneKnown));
        Assert.Equal(first, Series.Annual(EventKinds.Birthday, "Europe/London", 12, 10).Next(from, Series.NoneKnown));
        Assert.Equal("user:ada:birthday:2026", first.Key);
        Assert.Equal(first.Key, moved.Next(from, Series.NoneKnown).Key);
    }
}
