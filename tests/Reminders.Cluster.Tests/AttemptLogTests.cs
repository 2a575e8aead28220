using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Cluster.Tests;

/// <summary>Each attempt of an occurrence is remembered in its ledger row, with its answer.</summary>
public sealed class AttemptLogTests
{
    private static readonly DateTimeOffset Created = Users.Utc("2027-03-01T08:00:00Z");
    private static readonly DateTimeOffset Due = Users.Utc("2027-03-14T09:00:00Z");

    [Fact]
    public async Task TwoFailedAttemptsThenADelivery_AreEachInTheOccurrencesAttemptLog_WithTheirStatusCodes()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        var answers = new Queue<int>([503, 500, 200]);
        scenario.Receiver.Respond = _ => Task.FromResult(answers.TryDequeue(out var status) ? status : 200);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-03-14");
        const string key = "user:ada:birthday:2027";

        await scenario.AdvanceToAsync(Due);
        await scenario.AdvanceUntilAsync(
            async () => (await scenario.OccurrenceAsync("ada", key)).Status == OccurrenceStatus.Delivered,
            TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), "the third attempt delivered it");

        var log = (await scenario.OccurrenceAsync("ada", key)).AttemptLog!;
        Assert.Equal([(1, "failed", (int?)503), (2, "failed", 500), (3, "delivered", 200)], log.Select(a => (a.Number, a.Outcome, a.StatusCode)));
        Assert.All(log.Take(2), a => Assert.Contains(a.StatusCode!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Error, StringComparison.Ordinal));
        Assert.Null(log[2].Error);
        Assert.True(log[0].StartedUtc < log[1].StartedUtc && log[1].StartedUtc < log[2].StartedUtc, "in the order they were made");
    }
}
