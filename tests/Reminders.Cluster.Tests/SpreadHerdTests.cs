using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Scheduling;

namespace Reminders.Cluster.Tests;

/// <summary>A herd due at one instant, spread over a minute: it arrives over the minute, each key once, none before its planned time.</summary>
public sealed class SpreadHerdTests
{
    private const int Herd = 1_000;

    [Fact]
    public async Task Herd_WithOneMinuteSpread_ArrivesOverTheMinute_EachKeyOnce_NoneBeforeItsPlannedTime()
    {
        var due = Users.Utc("2027-01-01T08:00:00Z");
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"));
        var ids = Enumerable.Range(1, Herd).Select(i => $"herd{i}").ToList();
        var spread = Schedules.Definition("Europe/London", "2027-01-01T08:00:00", rule: null);
        spread = spread with { Policy = spread.Policy with { Spread = Duration.FromMinutes(1) } };
        foreach (var batch in ids.Chunk(50))
        {
            await Task.WhenAll(batch.Select(id => scenario.Cluster.Client.GetScheduleGrain(id).CreateAsync(spread)));
        }

        // Planned times computed the way every silo does, from each key alone.
        var planned = ids.ToDictionary(id => $"schedule:{id}:20270101T080000", id => SpreadOffsets.Planned($"schedule:{id}:20270101T080000", Instant.FromDateTimeOffset(due), Duration.FromMinutes(1)));

        // A second at a time across the minute: at each step nothing has arrived before its planned time.
        await scenario.AdvanceToAsync(due - TimeSpan.FromSeconds(1));
        Assert.Empty(scenario.Receiver.Received);
        for (var second = 0; second <= 60; second++)
        {
            await scenario.AdvanceToAsync(due + TimeSpan.FromSeconds(second));
            var now = Instant.FromDateTimeOffset(scenario.Clock.GetUtcNow());
            Assert.All(scenario.Receiver.Received, r => Assert.True(planned[r.IdempotencyKey!] <= now, $"{r.IdempotencyKey} arrived before {planned[r.IdempotencyKey!]}"));
        }

        await scenario.AdvanceUntilReceivedAsync(Herd, "the whole herd");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));

        var received = scenario.Receiver.Received;
        Assert.Equal(planned.Keys.Order(), received.Select(r => r.IdempotencyKey!).Order());
        Assert.All(received, r => Assert.True(
            Instant.FromDateTimeOffset(r.At) >= planned[r.IdempotencyKey!],
            $"{r.IdempotencyKey} arrived at {r.At:O}, before its planned {planned[r.IdempotencyKey!]}"));
        Assert.All(received, r => Assert.InRange(r.At, due, due + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5)));

        // Over the minute, not in one burst: every 6-second slice of it got a share (about 100 each).
        var slices = received.GroupBy(r => (int)((r.At - due).TotalSeconds / 6)).Where(g => g.Key < 10).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, slices.Count);
        Assert.All(slices.Values, count => Assert.InRange(count, 40, 200));

        var occurrences = await scenario.ScheduleOccurrencesAsync(ids);
        Assert.All(occurrences, o => Assert.Equal((OccurrenceStatus.Delivered, Instant.FromDateTimeOffset(due), planned[o.Key]), (o.Status, o.DueUtc, o.PlannedUtc!.Value)));
    }

    [Fact]
    public async Task SpreadOccurrence_AcrossARestartAndAnEditBetweenDueAndPlanned_IsSentOnceAtItsPlannedTime()
    {
        // Daily 09:00 London with PT10M spread: 2027-03-01's key is planned 110.873 s after 09:00 (see the domain tests).
        var due = Users.Utc("2027-03-01T09:00:00Z");
        var planned = due + TimeSpan.FromMilliseconds(110_873);
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-03-01T00:00:00Z"));
        var definition = Schedules.Definition("Europe/London", "2027-03-01T09:00:00", "FREQ=DAILY");
        definition = definition with { Policy = definition.Policy with { Spread = Duration.FromMinutes(10) } };
        await scenario.Cluster.Client.GetScheduleGrain("standup").CreateAsync(definition);

        // Due, so recorded and waiting in its row; then the whole service restarts, and the message is edited.
        await scenario.AdvanceToAsync(due + TimeSpan.FromSeconds(30));
        await scenario.StopClusterAsync();
        await scenario.StartAgainAsync();
        await scenario.Cluster.Client.GetScheduleGrain("standup").UpdateAsync(definition with { Message = "edited" }, expectedVersion: null);
        await scenario.AdvanceToAsync(planned - TimeSpan.FromMilliseconds(1));
        Assert.Empty(scenario.Receiver.Received);

        await scenario.AdvanceUntilReceivedAsync(1, "the spread occurrence");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(15));

        var delivery = Assert.Single(scenario.Receiver.Received);
        Assert.Equal(("schedule:standup:20270301T090000", "Hi Ada, stand-up in 5"), (delivery.IdempotencyKey, delivery.Message));
        Assert.InRange(delivery.At, planned, planned + TimeSpan.FromSeconds(3));
        var occurrence = Assert.Single(await scenario.ScheduleOccurrencesAsync(["standup"]));
        Assert.Equal((Instant.FromDateTimeOffset(due), Instant.FromDateTimeOffset(planned), false), (occurrence.DueUtc, occurrence.PlannedUtc!.Value, occurrence.Late));
    }
}
