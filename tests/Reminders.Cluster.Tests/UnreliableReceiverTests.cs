using Reminders.FaultInjection;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Cluster.Tests;

/// <summary>The email service of our users' nightmares: one answer in ten a 500, one in twenty a hang. Nothing may be lost or accepted twice.</summary>
public sealed class UnreliableReceiverTests
{
    private const int Occurrences = 1000;

    [Fact]
    public async Task A_thousand_due_at_once_against_10_percent_500s_and_5_percent_hangs_all_end_delivered_or_dead_lettered_and_none_is_accepted_twice()
    {
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile
        {
            ErrorShare = 0.10,
            HangShare = 0.05,
            HangDuration = TimeSpan.FromSeconds(30),
            Seed = 20261124,
        });
        await using var scenario = await Scenario.StartAsync(Users.Utc("2027-01-01T00:00:00Z"), settings: new Dictionary<string, string?>
        {
            ["Reminders:Delivery:WebhookUrl"] = receiver.Url.ToString(),
            ["Reminders:Delivery:AttemptTimeout"] = "00:00:05", // a hang costs five seconds of real time, not ten; a healthy answer on a starved machine still fits
        });
        var ids = Enumerable.Range(1, Occurrences).Select(i => $"herd{i}").ToList();
        foreach (var batch in ids.Chunk(50))
        {
            await Task.WhenAll(batch.Select(id => scenario.Cluster.Client.GetScheduleGrain(id)
                .CreateAsync(Schedules.Definition("Europe/London", "2027-01-01T08:00:00", rule: null))));
        }

        await scenario.AdvanceToAsync(Users.Utc("2027-01-01T08:00:00Z"));
        await scenario.AdvanceUntilAsync(
            async () => (await scenario.ScheduleOccurrencesAsync(ids)).Count(o => o.Status is OccurrenceStatus.Delivered or OccurrenceStatus.DeadLettered) == Occurrences,
            TimeSpan.FromSeconds(10), TimeSpan.FromHours(2), "every occurrence closed");

        var all = await scenario.ScheduleOccurrencesAsync(ids);
        Assert.Equal(Occurrences, all.Count);
        Assert.All(all.Where(o => o.Status == OccurrenceStatus.DeadLettered), o => Assert.False(string.IsNullOrEmpty(o.Reason)));
        var delivered = all.Where(o => o.Status == OccurrenceStatus.Delivered).Select(o => o.Key).ToHashSet();
        Assert.Equal(delivered.Order(), receiver.Accepted.Order());
        Assert.Equal(0, receiver.DuplicateAcceptances);
        Assert.True(receiver.Count(FaultOutcome.Error) > 0 && receiver.Count(FaultOutcome.Hang) > 0, receiver.Summary.ToLine());
    }
}
