using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Silo.Catalog;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// The re-arm sweep a silo runs when it starts: entities whose trigger was checked under another zone database or
/// other kind settings are activated and re-armed to the new instant, without anything calling them.
/// </summary>
public sealed class RearmSweepTests
{
    private static readonly DateTimeOffset Created = Users.Utc("2026-12-01T00:00:00Z");
    private static readonly Offset LondonShift = Offset.FromHours(1);

    [Fact]
    public async Task ZoneOffsetMovesAcrossARestart_SweepRearmsTheReminderWithoutAnyCallToTheEntity()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");
        Assert.Equal(Users.Utc("2026-12-10T09:00:00Z"), await ReminderStartAsync(scenario, "user:ada"));

        await scenario.StopClusterAsync();
        await scenario.StartAgainAsync(null, ShiftedZoneSource.Provider("Europe/London", LondonShift));

        Assert.Equal(new RearmSweepResult(1, 0, true), await SweepAsync(scenario));
        Assert.Equal(Users.Utc("2026-12-10T08:00:00Z"), await ReminderStartAsync(scenario, "user:ada"));

        // No API call reaches the entity: its own reminder delivers it at the new instant, once.
        await scenario.AdvanceToAsync(Users.Utc("2026-12-10T08:00:30Z"));
        await Eventually.HoldsAsync(() => scenario.Receiver.Received.Count == 1, "the birthday was delivered");
        Assert.True(scenario.Clock.GetUtcNow() < Users.Utc("2026-12-10T09:00:00Z"), "delivered before the old instant");
        await scenario.AdvanceToAsync(Users.Utc("2026-12-10T09:05:00Z"));
        Assert.Equal("user:ada:birthday:2026", Assert.Single(scenario.Receiver.Received).IdempotencyKey);
        var occurrence = await scenario.OccurrenceAsync("ada", "user:ada:birthday:2026");
        Assert.Equal((OccurrenceStatus.Delivered, Users.Instant("2026-12-10T08:00:00Z")), (occurrence.Status, occurrence.DueUtc));
    }

    [Fact]
    public async Task KindLocalTimeChangesForManyEntities_SweepRearmsEveryOneInSmallBatches()
    {
        var ids = Enumerable.Range(1, 5).Select(i => $"u{i}").ToList();
        await using var scenario = await Scenario.StartAsync(Created);
        foreach (var id in ids)
        {
            await scenario.CreateUserAsync(id, "Europe/London", "1990-12-10");
        }

        await scenario.StopClusterAsync();
        await scenario.StartAgainAsync(new Dictionary<string, string?>
        {
            ["Reminders:Events:birthday:LocalTime"] = "07:30",
            ["Reminders:Catalog:RearmBatch"] = "2",
            ["Reminders:Catalog:RearmPause"] = "00:00:00.050",
        });

        Assert.Equal(new RearmSweepResult(5, 0, true), await SweepAsync(scenario));
        foreach (var id in ids)
        {
            Assert.Equal(Users.Utc("2026-12-10T07:30:00Z"), await ReminderStartAsync(scenario, "user:" + id));
        }
    }

    [Fact]
    public async Task NothingChangesAcrossARestart_SweepActivatesNoEntity()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");
        await scenario.CreateUserAsync("bob", "Europe/Paris", "1990-12-11");
        Assert.True(await scenario.User("bob").DeleteAsync(), "bob was deleted");

        await scenario.StopClusterAsync();
        await scenario.StartAgainAsync(null);

        Assert.Equal(new RearmSweepResult(0, 0, true), await SweepAsync(scenario));
        Assert.Equal(Users.Utc("2026-12-10T09:00:00Z"), await ReminderStartAsync(scenario, "user:ada"));
    }

    [Fact]
    public async Task RearmStateWriteFailsDuringTheSweep_EntityIsRearmedByAFreshActivationAndStampedOnce()
    {
        await using var scenario = await Scenario.StartAsync(Created);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-12-10");

        await scenario.StopClusterAsync();
        scenario.Faults.FailNextWriteWhen(_ => true);
        await scenario.StartAgainAsync(null, ShiftedZoneSource.Provider("Europe/London", LondonShift));

        // The failed write abandons that activation; Orleans hands the sweep's call to a fresh one, which re-arms.
        Assert.Equal(new RearmSweepResult(1, 0, true), await SweepAsync(scenario));
        Assert.Equal(1, scenario.Faults.Injected);
        Assert.Equal(Users.Utc("2026-12-10T08:00:00Z"), await ReminderStartAsync(scenario, "user:ada"));

        // Its row now carries this silo's stamp, so a second sweep finds nothing to do.
        Assert.Equal(new RearmSweepResult(0, 0, true), await scenario.Cluster.SiloService<RearmSweep>().SweepAsync());
        Assert.Equal(1, await scenario.Database.ScalarAsync<long>(
            "SELECT count(*) FROM reminders_entities WHERE service_id = @service AND trigger_settings LIKE '%Europe/London shifted%'",
            ("service", scenario.Cluster.ServiceId)));
    }

    private static Task<RearmSweepResult> SweepAsync(Scenario scenario) =>
        scenario.Cluster.SiloService<RearmSweep>().Finished.WaitAsync(Eventually.DefaultTimeout);

    private static async Task<DateTimeOffset> ReminderStartAsync(Scenario scenario, string entity)
    {
        var start = await scenario.Database.ScalarAsync<DateTime>(
            """
            SELECT r.starttime FROM orleansreminderstable r
              JOIN reminders_entities e ON e.service_id = r.serviceid AND e.grain_id = r.grainid
             WHERE r.serviceid = @service AND e.entity = @entity
            """,
            ("service", scenario.Cluster.ServiceId), ("entity", entity));
        return new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc));
    }
}
