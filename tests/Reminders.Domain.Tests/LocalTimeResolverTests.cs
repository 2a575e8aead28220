using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Recurrence;

namespace Reminders.Domain.Tests;

/// <summary>
/// The default DST policies (shiftForward, earlier), the ones users' events use: a time in a gap moves forward by the length of the gap, a time in an overlap takes
/// the earlier instant. Every case was checked against the zone's TZDB transitions.
/// </summary>
public sealed class LocalTimeResolverTests
{
    private static ZonedDateTime Resolve(LocalDateTime local, DateTimeZone zone) =>
        new ZonedRecurrence(local, null, [], zone, RecurrencePolicies.Default).Resolve(new LocalInstance(local, OccurrenceAdjustments.None))!.Value.Due.InZone(zone);

    public static TheoryData<string, string, string> SpringForwardGaps => new()
    {
        // zone, wall-clock time that does not exist, expected (shifted by the gap)
        { "America/New_York", "2027-03-14T02:30:00", "2027-03-14T03:30:00-04:00" },    // 02:00 -05:00 -> 03:00 -04:00
        { "Europe/London", "2027-03-28T01:30:00", "2027-03-28T02:30:00+01:00" },       // 01:00 +00:00 -> 02:00 +01:00
        { "Australia/Lord_Howe", "2026-10-04T02:15:00", "2026-10-04T02:45:00+11:00" }, // 02:00 +10:30 -> 02:30 +11:00, a 30-minute gap
        { "Pacific/Chatham", "2026-09-27T02:45:00", "2026-09-27T03:45:00+13:45" },     // 02:45 +12:45 -> 03:45 +13:45
        { "Pacific/Chatham", "2026-09-27T03:00:00", "2026-09-27T04:00:00+13:45" },     // mid-gap: not the start of the next interval
    };

    public static TheoryData<string, string, string> FallBackOverlaps => new()
    {
        // zone, wall-clock time that happens twice, expected (the earlier, still-summer offset)
        { "America/New_York", "2026-11-01T01:30:00", "2026-11-01T01:30:00-04:00" },    // not -05:00
        { "Europe/London", "2026-10-25T01:30:00", "2026-10-25T01:30:00+01:00" },       // not +00:00
        { "Australia/Lord_Howe", "2027-04-04T01:45:00", "2027-04-04T01:45:00+11:00" }, // not +10:30
        { "Pacific/Chatham", "2027-04-04T02:45:00", "2027-04-04T02:45:00+13:45" },     // not +12:45
    };

    public static TheoryData<string, string, string> Unambiguous => new()
    {
        { "America/New_York", "2027-03-14T09:00:00", "2027-03-14T09:00:00-04:00" },
        { "Europe/London", "2026-10-25T09:00:00", "2026-10-25T09:00:00+00:00" },
        { "Asia/Kathmandu", "2026-12-10T09:00:00", "2026-12-10T09:00:00+05:45" },
    };

    [Theory]
    [MemberData(nameof(SpringForwardGaps))]
    public void Resolve_SpringForwardGap_ShiftsForwardByTheGap(string zone, string local, string expected) =>
        Assert.Equal(Time.At(expected), Resolve(Time.Local(local), Time.Zone(zone)).ToOffsetDateTime());

    [Theory]
    [MemberData(nameof(FallBackOverlaps))]
    public void Resolve_FallBackOverlap_TakesTheEarlierInstant(string zone, string local, string expected) =>
        Assert.Equal(Time.At(expected), Resolve(Time.Local(local), Time.Zone(zone)).ToOffsetDateTime());

    [Theory]
    [MemberData(nameof(Unambiguous))]
    public void Resolve_UnambiguousTime_KeepsTheWallClock(string zone, string local, string expected) =>
        Assert.Equal(Time.At(expected), Resolve(Time.Local(local), Time.Zone(zone)).ToOffsetDateTime());

    [Theory]
    [MemberData(nameof(SpringForwardGaps))]
    [MemberData(nameof(FallBackOverlaps))]
    public void ToInstant_AnyLocalTime_IsTheInstantOfResolve(string zone, string local, string expected) =>
        Assert.Equal(Time.At(expected).ToInstant(), Resolve(Time.Local(local), Time.Zone(zone)).ToInstant());
}
