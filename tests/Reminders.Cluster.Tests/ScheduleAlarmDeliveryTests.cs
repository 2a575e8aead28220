using System.Text.Json;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// Alarms through the cluster on the fake clock: each delivered at its own time under its own key with a payload
/// that says whose alarm it is, caught up when already past, and never sent twice across edits and restarts.
/// </summary>
public sealed class ScheduleAlarmDeliveryTests
{
    [Fact]
    public async Task Alarms_AcrossSpringForward_AreDeliveredAtTheirTimes_WithAnAlarmPayload_EachKeyOnce()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-03-12T00:00:00Z"));
        var grain = scenario.Cluster.Client.GetScheduleGrain("meet");

        // 09:00 EDT on 2027-03-14 is 13:00Z; the same local time the day before was EST, 14:00Z.
        await grain.CreateAsync(Schedules.Definition("America/New_York", "2027-03-14T09:00:00", rule: null, message: "Meeting, {firstName}") with
        {
            Alarms = [new ScheduleAlarm("-P1D"), new ScheduleAlarm("-PT24H", "In 24 hours, {firstName}"), new ScheduleAlarm("-PT1H")],
        });

        (string Key, string Due)[] expected =
        [
            ("schedule:meet:-alarm:-PT24H:20270314T090000", "2027-03-13T13:00:00Z"),
            ("schedule:meet:-alarm:-P1D:20270314T090000", "2027-03-13T14:00:00Z"),
            ("schedule:meet:-alarm:-PT1H:20270314T090000", "2027-03-14T12:00:00Z"),
            ("schedule:meet:20270314T090000", "2027-03-14T13:00:00Z"),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            var due = Users.Utc(expected[i].Due);
            await scenario.AdvanceToAsync(due - TimeSpan.FromSeconds(1));
            Assert.Equal(i, scenario.Receiver.Received.Count);
            await scenario.AdvanceUntilReceivedAsync(i + 1, $"the delivery due {expected[i].Due}");
            Assert.InRange(scenario.Receiver.Received[i].At, due, due + TimeSpan.FromSeconds(2));
        }

        await scenario.AdvanceAsync(TimeSpan.FromHours(2));

        var received = scenario.Receiver.Received;
        Assert.Equal(expected.Select(e => e.Key), received.Select(r => r.IdempotencyKey));
        Assert.Equal("In 24 hours, Ada", received[0].Message);
        Assert.Equal(
            ("schedule:meet:20270314T090000", "-PT24H", "2027-03-13T08:00:00"),
            Alarm(received[0]) is { } alarm ? (alarm.Occurrence, alarm.Offset, alarm.LocalTime) : default);
        Assert.Equal("Meeting, Ada", received[1].Message);
        Assert.False(JsonDocument.Parse(received[3].Body).RootElement.TryGetProperty("alarm", out _));
    }

    [Fact]
    public async Task Occurrence_AfterItsAlarmIsTheOnlyRowAndTheServiceRestarts_IsStillDelivered()
    {
        // The alarm's row is the schedule's only one when the service restarts: the next activation must not read it
        // as the occurrences' high-water mark (it names the same nominal time), or the occurrence would never be sent.
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-04T00:00:00Z"));
        await scenario.Cluster.Client.GetScheduleGrain("once").CreateAsync(
            Schedules.Definition("Europe/London", "2027-01-04T09:00:00", rule: null) with { Alarms = [new ScheduleAlarm("-PT1H")] });
        await scenario.AdvanceToAsync(Users.Utc("2027-01-04T08:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(1, "the alarm");
        await Eventually.HoldsAsync(
            async () => (await scenario.ScheduleOccurrencesAsync(["once"])).Any(o => o.Status == OccurrenceStatus.Delivered),
            "the alarm's outcome is written");

        await scenario.StopClusterAsync();
        await scenario.StartAgainAsync();
        await scenario.AdvanceToAsync(Users.Utc("2027-01-04T09:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(2, "the occurrence after the restart");
        await scenario.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(
            ["schedule:once:-alarm:-PT1H:20270104T090000", "schedule:once:20270104T090000"],
            scenario.Receiver.Received.Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task Edit_AddingAnAlarmAndChangingAnother_KeepsTheKeys_CatchesUpAPastAlarm_AndAcrossARestartSendsNoKeyTwice()
    {
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-04T00:00:00Z"));
        var grain = scenario.Cluster.Client.GetScheduleGrain("daily");
        var definition = Schedules.Definition("Europe/London", "2027-01-04T09:00:00", "FREQ=DAILY;COUNT=3") with { Alarms = [new ScheduleAlarm("-PT1H")] };
        await grain.CreateAsync(definition);
        await scenario.AdvanceToAsync(Users.Utc("2027-01-04T09:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(2, "the first alarm and occurrence");

        // At 09:30 the -P1D alarm of tomorrow's occurrence (09:00 today) is already past: caught up, late. Today's is
        // not: its occurrence has gone. The -PT1H alarm's new message changes no key.
        await scenario.AdvanceToAsync(Users.Utc("2027-01-04T09:30:00Z"));
        var edited = await grain.UpdateAsync(
            definition with { Alarms = [new ScheduleAlarm("-PT1H", "In an hour, {firstName}"), new ScheduleAlarm("-P1D")] }, expectedVersion: 1);
        Assert.Equal(ScheduleWriteOutcome.Updated, edited.Outcome);
        await scenario.AdvanceUntilReceivedAsync(3, "the caught-up alarm");
        Assert.InRange(scenario.Receiver.Received[2].At, Users.Utc("2027-01-04T09:30:00Z"), Users.Utc("2027-01-04T09:30:10Z"));

        await scenario.StopClusterAsync();
        await scenario.StartAgainAsync();
        await scenario.AdvanceToAsync(Users.Utc("2027-01-05T09:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(6, "the second day's alarms and occurrence");
        await scenario.AdvanceToAsync(Users.Utc("2027-01-07T12:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(8, "the third day's alarm and occurrence");
        await scenario.AdvanceAsync(TimeSpan.FromHours(1));

        var received = scenario.Receiver.Received;
        Assert.Equal(
            new[]
            {
                "schedule:daily:-alarm:-P1D:20270105T090000",
                "schedule:daily:-alarm:-P1D:20270106T090000",
                "schedule:daily:-alarm:-PT1H:20270104T090000",
                "schedule:daily:-alarm:-PT1H:20270105T090000",
                "schedule:daily:-alarm:-PT1H:20270106T090000",
                "schedule:daily:20270104T090000",
                "schedule:daily:20270105T090000",
                "schedule:daily:20270106T090000",
            },
            received.Select(r => r.IdempotencyKey!).Order(StringComparer.Ordinal));
        Assert.Equal("schedule:daily:-alarm:-P1D:20270105T090000", received[2].IdempotencyKey);
        Assert.Equal("In an hour, Ada", received.Single(r => r.IdempotencyKey == "schedule:daily:-alarm:-PT1H:20270105T090000").Message);
        var late = (await scenario.ScheduleOccurrencesAsync(["daily"])).Single(o => o.Key == "schedule:daily:-alarm:-P1D:20270105T090000");
        Assert.True(late.Late);
    }

    [Fact]
    public async Task Create_AfterABeforeAlarmsTime_CatchesItUpInsideTheWindow_AndSkipsItAsExpiredOutside()
    {
        // Created at 00:00Z for 09:00Z with a P2D catch-up window: the -PT12H alarm (21:00Z yesterday) is 3 hours late,
        // the -P3D one (three days ago) is past the window.
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-04T00:00:00Z"));
        await scenario.Cluster.Client.GetScheduleGrain("late").CreateAsync(
            Schedules.Definition("Europe/London", "2027-01-04T09:00:00", rule: null) with
            {
                Alarms = [new ScheduleAlarm("-P3D"), new ScheduleAlarm("-PT12H"), new ScheduleAlarm("-PT1H")],
            });

        await scenario.AdvanceUntilReceivedAsync(1, "the late alarm");
        Assert.Equal("schedule:late:-alarm:-PT12H:20270104T090000", scenario.Receiver.Received[0].IdempotencyKey);
        await Eventually.HoldsAsync(
            async () => (await scenario.ScheduleOccurrencesAsync(["late"])).Any(o => o.Key == "schedule:late:-alarm:-P3D:20270104T090000"
                && o.Status == OccurrenceStatus.Skipped && o.Reason == "expired"),
            "the expired alarm is recorded as skipped");
        await scenario.AdvanceToAsync(Users.Utc("2027-01-04T09:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(3, "the on-time alarm and the occurrence");
        await scenario.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(
            ["schedule:late:-alarm:-PT12H:20270104T090000", "schedule:late:-alarm:-PT1H:20270104T090000", "schedule:late:20270104T090000"],
            scenario.Receiver.Received.Select(r => r.IdempotencyKey));
    }

    private static (string Occurrence, string Offset, string LocalTime)? Alarm(ReceivedWebhook webhook)
    {
        var body = JsonDocument.Parse(webhook.Body).RootElement;
        return body.TryGetProperty("alarm", out var alarm)
            ? (alarm.GetProperty("occurrence").GetString()!, alarm.GetProperty("offset").GetString()!, body.GetProperty("localTime").GetString()!)
            : null;
    }
}
