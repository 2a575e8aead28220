using NodaTime;
using Reminders.Grains.Calendars;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Silo.Calendars;

namespace Reminders.Cluster.Tests;

/// <summary>
/// Business calendars through the cluster on the fake clock: an occurrence on an excluded day is skipped or goes out on
/// the next business day under its nominal key, once; editing the calendar re-arms the schedules that use it.
/// </summary>
public sealed class CalendarDeliveryTests
{
    // Fridays 09:00 in New York (-05:00 in December); Friday 24 December 2027 is the holiday.
    private const string Fridays = "FREQ=WEEKLY;BYDAY=FR";
    private static readonly LocalDate ChristmasEve = new(2027, 12, 24);
    private static readonly IsoDayOfWeek[] Weekend = [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    [Fact]
    public async Task HolidayOccurrence_UnderNextBusinessDay_GoesOutOnMondayUnderItsNominalKeyOnce()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-12-20T00:00:00Z"));
        await Store(scenario).PutAsync("us", [ChristmasEve], [], Weekend);
        var created = await Schedule(scenario, "fri").CreateAsync(Friday(ExcludedDayPolicy.NextBusinessDay));
        Assert.Equal(ScheduleWriteOutcome.Created, created.Outcome);

        // Not on the holiday itself, nor over the weekend.
        await scenario.AdvanceToAsync(Users.Utc("2027-12-27T13:59:59Z"));
        Assert.Empty(scenario.Receiver.Received);
        await scenario.AdvanceUntilReceivedAsync(1, "the holiday's occurrence on Monday");
        Assert.InRange(scenario.Receiver.Received[0].At, Users.Utc("2027-12-27T14:00:00Z"), Users.Utc("2027-12-27T14:00:02Z"));

        // The next Friday is a business day: due as usual, under its own key.
        await scenario.AdvanceToAsync(Users.Utc("2027-12-31T13:59:59Z"));
        await scenario.AdvanceUntilReceivedAsync(2, "the next Friday's occurrence");
        await scenario.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Equal(["schedule:fri:20271224T090000", "schedule:fri:20271231T090000"], scenario.Receiver.Received.Select(r => r.IdempotencyKey));
        var moved = (await Schedule(scenario, "fri").GetOccurrencesAsync())!.Single(o => o.Key == "schedule:fri:20271224T090000");
        Assert.Equal(
            (OccurrenceStatus.Delivered, new LocalDateTime(2027, 12, 24, 9, 0), Users.Instant("2027-12-24T14:00:00Z"), Users.Instant("2027-12-27T14:00:00Z"), OccurrenceAdjustments.ExcludedMoved, false),
            (moved.Status, moved.LocalTime, moved.DueUtc, moved.PlannedUtc, moved.Adjustments, moved.Late));
    }

    [Fact]
    public async Task HolidayOccurrence_UnderSkip_IsRecordedAsSkippedAndNeverSent()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-12-20T00:00:00Z"));
        await Store(scenario).PutAsync("us", [ChristmasEve], [], Weekend);
        await Schedule(scenario, "fri").CreateAsync(Friday(ExcludedDayPolicy.Skip));

        await scenario.AdvanceToAsync(Users.Utc("2027-12-31T13:59:59Z"));
        Assert.Empty(scenario.Receiver.Received);
        await scenario.AdvanceUntilReceivedAsync(1, "the next Friday's occurrence");

        Assert.Equal("schedule:fri:20271231T090000", Assert.Single(scenario.Receiver.Received).IdempotencyKey);
        var skipped = (await Schedule(scenario, "fri").GetOccurrencesAsync())!.Single(o => o.Key == "schedule:fri:20271224T090000");
        Assert.Equal((OccurrenceStatus.Skipped, "excluded"), (skipped.Status, skipped.Reason));
    }

    [Fact]
    public async Task CalendarEdit_ReArmsTheNextTrigger_SoTheNewHolidayIsNotSentAndMondayIs()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-12-20T00:00:00Z"));
        var store = Store(scenario);
        await store.PutAsync("us", [], [], Weekend);
        await Schedule(scenario, "fri").CreateAsync(Friday(ExcludedDayPolicy.NextBusinessDay));
        Assert.Equal(Users.Utc("2027-12-24T14:00:00Z"), await ReminderStartAsync(scenario, "fri"));

        var (edited, _) = await store.PutAsync("us", [ChristmasEve], [], Weekend);
        await scenario.Cluster.SiloService<CalendarRearmService>().RearmPendingAsync(); // the job an edit through the API signals

        Assert.Equal(2, edited.Version);
        Assert.Equal(2, await scenario.Database.ScalarAsync<int>("SELECT rearmed_version FROM reminders_calendars WHERE id = 'us'"));
        Assert.Equal(Users.Utc("2027-12-27T14:00:00Z"), await ReminderStartAsync(scenario, "fri"));
        var next = (await Schedule(scenario, "fri").GetUpcomingAsync(1))!.Single();
        Assert.Equal(("schedule:fri:20271224T090000", Users.Instant("2027-12-27T14:00:00Z"), new LocalDateTime(2027, 12, 27, 9, 0)), (next.Key, next.Planned, next.MovedTo));

        await scenario.AdvanceToAsync(Users.Utc("2027-12-24T15:00:00Z"));
        Assert.Empty(scenario.Receiver.Received);
        await scenario.AdvanceToAsync(Users.Utc("2027-12-27T13:59:59Z"));
        await scenario.AdvanceUntilReceivedAsync(1, "the moved occurrence on Monday");
        await scenario.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal("schedule:fri:20271224T090000", Assert.Single(scenario.Receiver.Received).IdempotencyKey);
    }

    [Fact]
    public async Task HolidayRemovedWhileItsOccurrenceWaitsForMonday_IsSentAtOnceLateAndNotAgainOnMonday()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-12-20T00:00:00Z"));
        var store = Store(scenario);
        await store.PutAsync("us", [ChristmasEve], [], Weekend);
        await Schedule(scenario, "fri").CreateAsync(Friday(ExcludedDayPolicy.NextBusinessDay));
        await scenario.AdvanceToAsync(Users.Utc("2027-12-25T12:00:00Z"));
        Assert.Empty(scenario.Receiver.Received);

        await store.PutAsync("us", [], [], Weekend);
        await scenario.Cluster.SiloService<CalendarRearmService>().RearmPendingAsync();
        await scenario.AdvanceUntilReceivedAsync(1, "Friday's occurrence, due again on Friday");
        await scenario.AdvanceToAsync(Users.Utc("2027-12-28T00:00:00Z"));

        Assert.Equal("schedule:fri:20271224T090000", Assert.Single(scenario.Receiver.Received).IdempotencyKey);
        var sent = (await Schedule(scenario, "fri").GetOccurrencesAsync())!.Single(o => o.Key == "schedule:fri:20271224T090000");
        Assert.Equal((OccurrenceStatus.Delivered, Users.Instant("2027-12-24T14:00:00Z"), OccurrenceAdjustments.None, true), (sent.Status, sent.PlannedUtc ?? sent.DueUtc, sent.Adjustments, sent.Late));
    }

    [Fact]
    public async Task CreateNamingAMissingCalendar_IsRefusedAndStoresNothing()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-12-20T00:00:00Z"));

        var result = await Schedule(scenario, "fri").CreateAsync(Friday(ExcludedDayPolicy.Skip));

        Assert.Equal((ScheduleWriteOutcome.CalendarNotFound, null), (result.Outcome, result.Schedule));
        Assert.Null(await Schedule(scenario, "fri").GetAsync());
        Assert.Empty(await Store(scenario).UsersAsync("us", null, 10));
    }

    private static ScheduleDefinition Friday(ExcludedDayPolicy onExcluded)
    {
        var definition = Schedules.Definition("America/New_York", "2027-12-24T09:00:00", Fridays);
        return definition with { Calendar = "us", Policy = definition.Policy with { OnExcluded = onExcluded } };
    }

    private static IScheduleGrain Schedule(Scenario scenario, string id) => scenario.Cluster.Client.GetScheduleGrain(id);

    private static ICalendarStore Store(Scenario scenario) => scenario.Cluster.SiloService<ICalendarStore>();

    private static async Task<DateTimeOffset> ReminderStartAsync(Scenario scenario, string scheduleId) =>
        new(await scenario.Database.ScalarAsync<DateTime>(
            "SELECT starttime FROM orleansreminderstable WHERE serviceid = @s AND grainid = @g",
            ("s", scenario.Cluster.ServiceId), ("g", "schedule/s-" + scheduleId)), TimeSpan.Zero);
}
