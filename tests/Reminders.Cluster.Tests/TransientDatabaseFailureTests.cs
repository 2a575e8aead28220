using Npgsql;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Silo.Database;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// A silo whose connection pool has no free connection for a while (as when PostgreSQL refuses new clients):
/// the writes wait for one instead of failing, so nothing is abandoned to a resend a reminder period later.
/// </summary>
public sealed class TransientDatabaseFailureTests
{
    private const int PoolSize = 4;
    private static readonly DateTimeOffset Created = Users.Utc("2027-03-01T08:00:00Z");
    private static readonly DateTimeOffset Due = Users.Utc("2027-03-14T09:00:00Z");

    [Fact]
    public async Task OutcomeWrite_WhileThePoolIsExhausted_WaitsForAConnection_AndTheOccurrenceIsSentOnce()
    {
        await using var scenario = await Scenario.StartAsync(Created, PooledDataSource);
        await scenario.CreateUserAsync("ada", "Europe/London", "1990-03-14");
        var connections = scenario.Cluster.SiloService<DatabaseConnections>();
        var held = new List<NpgsqlConnection>();
        scenario.Receiver.Respond = async _ =>
        {
            // While the receiver answers, take every connection of the silo's pool: the outcome's write finds none.
            if (held.Count == 0)
            {
                held.AddRange(await TakeThePoolAsync(scenario.SiloDataSource!));
            }

            return 200;
        };

        // Not AdvanceToAsync: it waits for the dispatch to settle, and this one waits for the test to free a connection.
        scenario.Clock.Advance(Due - scenario.Clock.GetUtcNow());
        await Eventually.HoldsAsync(() => connections.Retries >= 2, "the outcome's write waits for a connection", TimeSpan.FromSeconds(20));
        Assert.Single(scenario.Receiver.Received);
        foreach (var connection in held)
        {
            await connection.DisposeAsync();
        }

        await scenario.WaitForStatusAsync("ada", "user:ada:birthday:2027", OccurrenceStatus.Delivered);

        // Past the reminder's next ticks: nothing is sent again.
        await scenario.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Single(scenario.Receiver.Received);
        Assert.Equal(1, (await scenario.OccurrenceAsync("ada", "user:ada:birthday:2027")).Attempts);
    }

    [Fact]
    public async Task Create_WhileThePoolIsExhausted_WaitsForAConnection_AndSucceeds()
    {
        await using var scenario = await Scenario.StartAsync(Created, PooledDataSource);
        var connections = scenario.Cluster.SiloService<DatabaseConnections>();
        var held = await TakeThePoolAsync(scenario.SiloDataSource!);

        var creating = scenario.CreateUserAsync("grace", "America/New_York", "1985-12-09");
        await Eventually.HoldsAsync(() => connections.Retries >= 2, "the state write waits for a connection", TimeSpan.FromSeconds(20));
        Assert.False(creating.IsCompleted, "no connection is free");
        foreach (var connection in held)
        {
            await connection.DisposeAsync();
        }

        var created = await creating.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(created);
        Assert.NotNull(await scenario.User("grace").GetAsync());
    }

    // A small pool, and a one-second wait for a free connection before Npgsql reports it exhausted.
    private static NpgsqlDataSource PooledDataSource(string connectionString) =>
        RemindersDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = PoolSize, Timeout = 1 }.ConnectionString);

    private static async Task<List<NpgsqlConnection>> TakeThePoolAsync(NpgsqlDataSource dataSource)
    {
        var taken = new List<NpgsqlConnection>();
        while (taken.Count < PoolSize)
        {
            try
            {
                taken.Add(await dataSource.OpenConnectionAsync());
            }
            catch (NpgsqlException ex) when (ex.IsTransient)
            {
                // The silo had one out at that moment; it comes back within milliseconds.
            }
        }

        return taken;
    }
}
