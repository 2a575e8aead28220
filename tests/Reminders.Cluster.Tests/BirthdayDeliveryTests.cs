using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>Birthdays arrive at 09:00 in the user's own zone, once.</summary>
public sealed class BirthdayDeliveryTests
{
    private static readonly DateTimeOffset Created = Users.Utc("2026-12-01T00:00:00Z");

    public static TheoryData<string, string, string, string> OddOffsetsAndSouthernDst => new()
    {
        // zone, birthday, expected local occurrence, expected instant (offset in the comment)
        { "Asia/Kathmandu", "1990-12-10", "2026", "2026-12-10T03:15:00Z" },       // +05:45
        { "Pacific/Chatham", "1985-07-10", "2027", "2027-07-09T20:15:00Z" },      // +12:45, southern winter
        { "Pacific/Chatham", "1985-12-10", "2026", "2026-12-09T19:15:00Z" },      // +13:45, southern summer DST
        { "America/St_Johns", "2000-01-10", "2027", "2027-01-10T12:30:00Z" },     // -03:30
        { "Australia/Melbourne", "1970-12-10", "2026", "2026-12-09T22:00:00Z" },  // +11:00, southern DST
        { "Australia/Melbourne", "1970-06-10", "2027", "2027-06-09T23:00:00Z" },  // +10:00, southern winter
        { "Australia/Lord_Howe", "1999-12-10", "2026", "2026-12-09T22:00:00Z" },  // +11:00 (half-hour DST shift)
    };

    [Theory]
    [MemberData(nameof(OddOffsetsAndSouthernDst))]
    public async Task Birthday_InZoneWithOddOffset_IsDeliveredAt0900Local(string zone, string birthday, string year, string expectedUtc)
    {
        await using var scenario = await Scenario.StartAsync(Created);
        var due = Users.Utc(expectedUtc);
        var key = $"user:ada:birthday:{year}";

        var created = await scenario.CreateUserAsync("ada", zone, birthday);
        var upcoming = Assert.Single(created.User.Upcoming);
        Assert.Equal((key, Users.Instant(expectedUtc)), (upcoming.Key, upcoming.DueUtc));
        Assert.Equal(9, upcoming.LocalTime.Hour);

        await scenario.AdvanceToAsync(due - TimeSpan.FromSeconds(1));
        Assert.Empty(scenario.Receiver.Received);

        await scenario.AdvanceUntilReceivedAsync(1, "a delivery");
        var delivery = Assert.Single(scenario.Receiver.Received);
        Assert.Equal((key, "ada@example.com", Users.BirthdayMessage), (delivery.IdempotencyKey, delivery.Email, delivery.Message));
        Assert.InRange(delivery.At, due, due + TimeSpan.FromSeconds(2));

        await scenario.WaitForStatusAsync("ada", key, OccurrenceStatus.Delivered);
        var occurrence = await scenario.OccurrenceAsync("ada", key);
        Assert.Equal((1, false), (occurrence.Attempts, occurrence.Late));

        // Long after, still exactly one delivery; the next one is a year away.
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Single(scenario.Receiver.Received);
        var next = Assert.Single((await scenario.User("ada").GetAsync())!.Upcoming);
        Assert.Equal($"user:ada:birthday:{int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) + 1}", next.Key);
    }

    [Fact]
    public async Task Birthday_Feb29InNonLeapYear_IsDeliveredOnFeb28()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"));
        var created = await scenario.CreateUserAsync("ada", "Europe/London", "2000-02-29");
        var due = Users.Utc("2027-02-28T09:00:00Z"); // 09:00+00:00, 2027 is not a leap year
        Assert.Equal(("user:ada:birthday:2027", Users.Instant("2027-02-28T09:00:00Z")), (created.User.Upcoming[0].Key, created.User.Upcoming[0].DueUtc));

        await scenario.AdvanceToAsync(due);
        await scenario.AdvanceUntilReceivedAsync(1, "a delivery");
        Assert.InRange(Assert.Single(scenario.Receiver.Received).At, due, due + TimeSpan.FromSeconds(2));

        // The following year is a leap year: back on Feb 29.
        await Eventually.HoldsAsync(async () => (await scenario.User("ada").GetAsync())!.Upcoming[0].Key == "user:ada:birthday:2028", "next year is upcoming");
        Assert.Equal(Users.Instant("2028-02-29T09:00:00Z"), (await scenario.User("ada").GetAsync())!.Upcoming[0].DueUtc);
    }

    [Fact]
    public async Task Create_AfterTodays0900_WaitsAYear()
    {
        // 10:00 on the birthday in Melbourne (+11:00): today's 09:00 has passed.
        await using var scenario = await Scenario.StartAsync(Users.Utc("2026-12-09T23:00:00Z"));
        var created = await scenario.CreateUserAsync("ada", "Australia/Melbourne", "1990-12-10");
        Assert.Equal(("user:ada:birthday:2027", Users.Instant("2027-12-09T22:00:00Z")), (created.User.Upcoming[0].Key, created.User.Upcoming[0].DueUtc));

        await scenario.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Empty(scenario.Receiver.Received);
        Assert.Empty((await scenario.User("ada").GetOccurrencesAsync())!);

        await scenario.AdvanceToAsync(Users.Utc("2027-12-09T22:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(1, "next year's delivery");
        Assert.Equal("user:ada:birthday:2027", Assert.Single(scenario.Receiver.Received).IdempotencyKey);
    }

    [Fact]
    public async Task Create_ExactlyAtTodays0900_DeliversToday()
    {
        // The first occurrence is the first at or after creation: exactly at 09:00 counts.
        var due = Users.Utc("2026-12-10T14:00:00Z"); // 09:00-05:00 in New York
        await using var scenario = await Scenario.StartAsync(due);
        var created = await scenario.CreateUserAsync("ada", "America/New_York", "1990-12-10");
        Assert.Equal("user:ada:birthday:2026", created.User.Upcoming[0].Key);

        await scenario.AdvanceUntilReceivedAsync(1, "today's delivery");
        Assert.Equal("user:ada:birthday:2026", Assert.Single(scenario.Receiver.Received).IdempotencyKey);
    }

    [Fact]
    public async Task Anniversary_IsDeliveredWithItsOwnTemplateAndKey()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-06-01", anniversary: "2015-12-05");
        var due = Users.Utc("2026-12-05T09:00:00Z");

        await scenario.AdvanceToAsync(due);
        await scenario.AdvanceUntilReceivedAsync(1, "the anniversary");
        var delivery = Assert.Single(scenario.Receiver.Received);
        Assert.Equal(("user:ada:anniversary:2026", "Hey, Ada Lovelace happy anniversary"), (delivery.IdempotencyKey, delivery.Message));
    }

    [Fact]
    public async Task TwoSilos_ManyUsersDueAtOnce_DeliverEachExactlyOnce()
    {
        await using var scenario = await Scenario.StartAsync(Created, silos: 2);
        var ids = Enumerable.Range(0, 40).Select(i => $"user-{i}").ToArray();
        await Task.WhenAll(ids.Select(id => scenario.CreateUserAsync(id, "Europe/Paris", "1990-12-10")));
        var due = Users.Utc("2026-12-10T08:00:00Z"); // 09:00+01:00

        await scenario.AdvanceToAsync(due);
        await scenario.AdvanceUntilReceivedAsync(ids.Length, "every delivery");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));

        var received = scenario.Receiver.Received;
        Assert.Equal(ids.Length, received.Count);
        Assert.Equal(ids.Select(id => $"user:{id}:birthday:2026").Order(), received.Select(r => r.IdempotencyKey).Order());
        Assert.All(received, r => Assert.InRange(r.At, due, due + TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Tick_OnASiloWhoseClockRunsBehind_StillDeliversWithinSeconds()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");
        var due = Users.Utc("2026-12-10T09:00:00Z");

        // The reminder was armed by a silo in step with its owner; the grain now wakes on one whose clock is
        // half a second behind, so at the tick the birthday is not yet due by the grain's reckoning. It must
        // re-arm for that half second, not wait for the safety-net tick a minute later.
        scenario.GrainClock.Skew = TimeSpan.FromMilliseconds(-500);
        await scenario.AdvanceToAsync(due);
        await scenario.AdvanceUntilReceivedAsync(1, "the delivery");

        Assert.InRange(Assert.Single(scenario.Receiver.Received).At, due, due + TimeSpan.FromSeconds(5));
    }
}
