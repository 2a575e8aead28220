namespace Reminders.Soak.Tests;

/// <summary>The checker's own expansion of the rules the soak writes, against instants worked out by hand.</summary>
public sealed class ShapeTests
{
    [Fact]
    public void MinutelySchedule_EveryTwoMinutesInKathmandu_GivesLocalKeysAtQuarterToOffsets()
    {
        // Kathmandu is UTC+05:45 all year: local 18:00:30 is 12:15:30Z.
        var schedule = new MinutelySchedule("Asia/Kathmandu", new DateTime(2026, 12, 2, 18, 0, 0), [.. Enumerable.Range(0, 30).Select(m => m * 2)], 30, "m");

        var occurrences = schedule.Between("s1", Utc("2026-12-02T12:15:00Z"), Utc("2026-12-02T12:20:00Z")).ToList();

        Assert.Equal(
            [
                new Expected("schedule:s1:20261202T180030", Utc("2026-12-02T12:15:30Z")),
                new Expected("schedule:s1:20261202T180230", Utc("2026-12-02T12:17:30Z")),
                new Expected("schedule:s1:20261202T180430", Utc("2026-12-02T12:19:30Z")),
            ],
            occurrences);
        Assert.Equal("FREQ=HOURLY;BYMINUTE=0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,38,40,42,44,46,48,50,52,54,56,58;BYSECOND=30", schedule.Rule);
    }

    [Fact]
    public void MinutelySchedule_NothingBeforeItsStart()
    {
        var schedule = new MinutelySchedule("UTC", new DateTime(2026, 12, 2, 12, 3, 0), [.. Enumerable.Range(0, 60)], 0, "m");

        var keys = schedule.Between("s1", Utc("2026-12-02T12:00:00Z"), Utc("2026-12-02T12:05:00Z")).Select(o => o.Key);

        Assert.Equal(["schedule:s1:20261202T120300", "schedule:s1:20261202T120400", "schedule:s1:20261202T120500"], keys);
    }

    [Fact]
    public void Birthday_AtTheKindsLocalTime_InTheUsersZone_KeyedByYear()
    {
        var birthday = new Birthday("Europe/Berlin", 12, 2, new TimeOnly(13, 0), "Lovelace");

        Assert.Equal(
            [new Expected("user:u1:birthday:2026", Utc("2026-12-02T12:00:00Z"))],
            birthday.Between("u1", Utc("2026-12-02T11:00:00Z"), Utc("2026-12-02T13:00:00Z")));
        Assert.Empty(birthday.Between("u1", Utc("2026-12-02T12:00:01Z"), Utc("2026-12-03T11:00:00Z")));
    }

    internal static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
