using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Testing;
using static Reminders.Cluster.Tests.OccurrenceStoreRows;

namespace Reminders.Cluster.Tests;

/// <summary>What an activation reads from the ledger table: one row, its entity's open rows, its series' high-water marks.</summary>
public sealed class OccurrenceStoreReadTests
{
    private const string Key = "schedule:s1:20261201T090000";

    [Fact]
    public async Task ReadAsync_UnknownKey_ReturnsNull()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await Store(database, OtherServiceId).InsertAsync([Record(Key, Start)]);

        Assert.Null(await Store(database).ReadAsync(Key));
    }

    [Fact]
    public async Task ReadHighWaterAsync_ReturnsEachSeriesNewestNominal_AndNothingForAnUnknownSeries()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        await store.InsertAsync(
        [
            Record("user:ada:birthday:2025", Start, series: "user:ada:birthday", nominal: new LocalDateTime(2025, 1, 1, 0, 0)),
            Record("user:ada:birthday:2027", Start, OccurrenceStatus.Scheduled, series: "user:ada:birthday", nominal: new LocalDateTime(2027, 1, 1, 0, 0)),
            Record("user:ada:birthday:2026", Start, OccurrenceStatus.Skipped, series: "user:ada:birthday", nominal: new LocalDateTime(2026, 1, 1, 0, 0)),
            Record("user:ada:anniversary:2024", Start, series: "user:ada:anniversary", nominal: new LocalDateTime(2024, 1, 1, 0, 0)),
            Record("schedule:s1:20261201T090000", Start),
            Record("schedule:s1:20261201T091500", Start + Duration.FromMinutes(15)),
        ]);
        // Another service's rows in the same series, newer, must not raise ours.
        await Store(database, OtherServiceId).InsertAsync(
            [Record("schedule:s1:20261231T090000", Start + Duration.FromDays(30)), Record("user:ada:birthday:2030", Start, series: "user:ada:birthday", nominal: new LocalDateTime(2030, 1, 1, 0, 0))]);

        var marks = await store.ReadHighWaterAsync(["user:ada:birthday", "schedule:s1", "user:ghost:birthday", "schedule:s1:20261201T091500"]);

        Assert.Equal(
            new Dictionary<string, LocalDateTime>
            {
                ["user:ada:birthday"] = new(2027, 1, 1, 0, 0),
                ["schedule:s1"] = new(2026, 12, 1, 9, 15),
            },
            marks);
    }

    [Fact]
    public async Task ReadOpenAsync_ReturnsOnlyScheduledDispatchingAndRetryingRowsOfThatEntity()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        var statuses = Enum.GetValues<OccurrenceStatus>();
        await store.InsertAsync([.. statuses.Select((s, i) => Record($"schedule:s1:20261201T0{i}0000", Start + Duration.FromHours(i), s))]);
        await store.InsertAsync([Record("schedule:s10:20261201T000000", Start, OccurrenceStatus.Scheduled)]);
        await Store(database, OtherServiceId).InsertAsync([Record("schedule:s1:20261202T000000", Start, OccurrenceStatus.Retrying)]);

        var open = await store.ReadOpenAsync("schedule:s1");

        Assert.Equal(
            ["schedule:s1:20261201T000000 Scheduled", "schedule:s1:20261201T010000 Dispatching", "schedule:s1:20261201T030000 Retrying"],
            open.Select(r => $"{r.Key} {r.Status}").Order(StringComparer.Ordinal));
        Assert.Empty(await store.ReadOpenAsync("schedule:ghost"));
    }

    [Fact]
    public async Task ReadForActivationAsync_OneRoundTrip_ReturnsWhatTheTwoSeparateReadsReturn()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var store = Store(database);
        await store.InsertAsync(
        [
            Record("schedule:s1:20261201T090000", Start),
            Record("schedule:s1:20261201T100000", Start + Duration.FromHours(1), OccurrenceStatus.Retrying),
            Record("schedule:s1:20261201T110000", Start + Duration.FromHours(2), OccurrenceStatus.Scheduled),
            Record("schedule:s10:20261201T120000", Start + Duration.FromHours(3), OccurrenceStatus.Scheduled),
        ]);

        var read = await store.ReadForActivationAsync("schedule:s1", ["schedule:s1", "schedule:none"]);
        var noSeries = await store.ReadForActivationAsync("schedule:s1", []);

        Assert.Equal(
            (await store.ReadOpenAsync("schedule:s1")).Select(r => r.Key).Order(StringComparer.Ordinal),
            read.Open.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["schedule:s1:20261201T100000", "schedule:s1:20261201T110000"], read.Open.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, LocalDateTime> { ["schedule:s1"] = new(2026, 12, 1, 11, 0) }, read.HighWater);
        Assert.Equal((2, 0), (noSeries.Open.Count, noSeries.HighWater.Count));
    }
}
