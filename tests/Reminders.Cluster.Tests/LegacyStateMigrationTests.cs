using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Interfaces.Users;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// Grain state written by the previous release, with each ledger inside the state blob (the rows of
/// Fixtures/release-685bcc5-state.sql, captured from commit 685bcc5), moves into the ledger table on each
/// entity's first activation: nothing lost, nothing re-sent, dead letters and uncertain ones still actionable.
/// </summary>
public sealed class LegacyStateMigrationTests
{
    // The fixture was dumped at 2026-12-14T08:00:00Z, just after the last deliveries.
    private static readonly DateTimeOffset Dumped = Users.Utc("2026-12-14T08:00:00Z");

    [Fact]
    public async Task StateWrittenByThePreviousRelease_MovesIntoTheTable_WithoutLossOrResend()
    {
        // The previous release's schema (migrations 1-5) and rows; then this release migrates and starts on them.
        const string ServiceId = "legacy-685bcc5";
        var stateBefore = new Dictionary<string, (int Version, int Bytes)>();
        await using var scenario = await Scenario.StartAsync(Dumped + TimeSpan.FromMinutes(1), prepare: async database =>
        {
            await database.MigrateAsync(upToVersion: 5);
            var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-685bcc5-state.sql"));
            Assert.Equal(7, await database.ExecuteAsync(sql.Replace(":service_id", $"'{ServiceId}'", StringComparison.Ordinal)));
            stateBefore = await StateAsync(database, ServiceId);
        }, ServiceId);

        var ada = await scenario.Cluster.Client.GetUserGrain("ada").GetOccurrencesAsync();
        var legacy = await Schedule(scenario, "legacy").GetOccurrencesAsync();
        var atMostOnce = await Schedule(scenario, "legacy-amo").GetOccurrencesAsync();

        Assert.Equal([("user:ada:birthday:2026", OccurrenceStatus.Delivered)], ada!.Select(o => (o.Key, o.Status)));
        Assert.Equal(
            [
                ("schedule:legacy:20261214T080000", OccurrenceStatus.Delivered, (string?)null),
                ("schedule:legacy:20261213T080000", OccurrenceStatus.Delivered, null),
                ("schedule:legacy:20261212T080000", OccurrenceStatus.Delivered, null),
                ("schedule:legacy:20261211T080000", OccurrenceStatus.DeadLettered, "permanentFailure"),
            ],
            legacy!.Select(o => (o.Key, o.Status, o.Reason)));
        Assert.Equal(OccurrenceStatus.Uncertain, Assert.Single(atMostOnce!).Status);

        // The ledger left each state row in one more write, which made it smaller; one more records what the
        // re-armed trigger was computed with, which rows of that release lack.
        var stateAfter = await StateAsync(scenario.Database, ServiceId);
        Assert.All(stateBefore.Keys, id => Assert.Equal(stateBefore[id].Version + 2, stateAfter[id].Version));
        Assert.All(stateBefore.Keys, id => Assert.True(stateAfter[id].Bytes < stateBefore[id].Bytes, $"{id} shrank"));

        // The copies of the old dead-letter index were replaced by the full records, payload included.
        Assert.Equal(
            ["schedule:legacy-amo:20261214T080000|uncertain|1", "schedule:legacy:20261211T080000|deadLettered|1"],
            await scenario.Database.QueryAsync(
                "SELECT occurrence_key || '|' || status || '|' || version FROM reminders_occurrences WHERE service_id = @s AND message <> '' AND status IN ('deadLettered', 'uncertain') ORDER BY occurrence_key",
                ("s", scenario.Cluster.ServiceId)));

        // Both are still actionable, and the next day's occurrence is the only new one.
        var retried = await Schedule(scenario, "legacy").RetryOccurrenceAsync("schedule:legacy:20261211T080000");
        var discarded = await Schedule(scenario, "legacy-amo").DiscardOccurrenceAsync("schedule:legacy-amo:20261214T080000");
        Assert.Equal(OccurrenceStatus.Scheduled, retried?.Status);
        Assert.Equal(OccurrenceStatus.Skipped, discarded?.Status);
        await scenario.AdvanceUntilReceivedAsync(1, "the retried dead letter");
        await scenario.AdvanceToAsync(Users.Utc("2026-12-15T08:00:00Z"));
        await scenario.AdvanceUntilReceivedAsync(2, "the next day's occurrence");
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(
            ["schedule:legacy:20261211T080000", "schedule:legacy:20261215T080000"],
            scenario.Receiver.Received.Select(r => r.IdempotencyKey));
        Assert.All(scenario.Receiver.Received, r => Assert.Equal(("ada@example.com", "Hi Ada, stand-up in 5"), (r.Email, r.Message)));
    }

    private static IScheduleGrain Schedule(Scenario scenario, string id) => scenario.Cluster.Client.GetScheduleGrain(id);

    private static async Task<Dictionary<string, (int Version, int Bytes)>> StateAsync(PostgresDatabase database, string serviceId) =>
        (await database.QueryAsync(
            "SELECT grainidextensionstring || '|' || version || '|' || octet_length(payloadbinary) FROM orleansstorage WHERE serviceid = @s",
            ("s", serviceId)))
        .Select(row => row.Split('|'))
        .ToDictionary(parts => parts[0], parts => (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));
}
