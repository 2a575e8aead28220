using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly.Timeout;
using Reminders.Silo.Database;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>Opening connections through failures that happen before anything reaches the server.</summary>
public sealed class DatabaseConnectionsTests
{
    [Fact]
    public async Task Open_WhileTheServerRefusesConnections_RetriesUntilItAcceptsThem()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = new TcpRelay(settings.Port);
        settings.Port = relay.Port;
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        var connections = new DatabaseConnections(dataSource, NullLogger<DatabaseConnections>.Instance);

        var opening = connections.OpenAsync().AsTask();
        await Eventually.HoldsAsync(() => connections.Retries >= 2, "refused connects are retried", TimeSpan.FromSeconds(10));
        Assert.False(opening.IsCompleted, "nothing listens yet");

        relay.Open();
        await using var connection = await opening.WaitAsync(TimeSpan.FromSeconds(20));
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Open_WhenThePoolIsExhausted_WaitsUntilAConnectionComesBack()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1, Timeout = 1 };
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        var connections = new DatabaseConnections(dataSource, NullLogger<DatabaseConnections>.Instance);
        var held = await dataSource.OpenConnectionAsync();

        var opening = connections.OpenAsync().AsTask();
        await Eventually.HoldsAsync(() => connections.Retries >= 1, "an exhausted pool is retried", TimeSpan.FromSeconds(10));
        Assert.False(opening.IsCompleted, "the only connection is held");

        await held.DisposeAsync();
        await using var connection = await opening.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task Open_WhenTheServerNeverAccepts_GivesUpOnceItsBudgetIsSpent()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = new TcpRelay(settings.Port); // never opened: every connect is refused
        settings.Port = relay.Port;
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        var connections = new DatabaseConnections(dataSource, NullLogger<DatabaseConnections>.Instance, budget: TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<TimeoutRejectedException>(async () => await connections.OpenAsync());
        Assert.True(connections.Retries >= 1, "it retried before giving up");
    }

    [Fact]
    public async Task OpenForOutcome_OutlastsTheCallBudget_SoAnOutageLongerThanItStillGetsTheOutcomeWritten()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = new TcpRelay(settings.Port); // refusing until opened
        settings.Port = relay.Port;
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        var connections = new DatabaseConnections(
            dataSource, NullLogger<DatabaseConnections>.Instance, budget: TimeSpan.FromSeconds(1), outcomeBudget: TimeSpan.FromSeconds(30));

        var outcome = connections.OpenForOutcomeAsync().AsTask();
        await Assert.ThrowsAsync<TimeoutRejectedException>(async () => await connections.OpenAsync());
        Assert.False(outcome.IsCompleted, "the outcome's open is still trying after the call budget is spent");

        relay.Open();
        await using var connection = await outcome.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Theory]
    [InlineData("57P03", true)] // the server is starting up or shutting down
    [InlineData("57P01", true)] // terminated by an administrator's shutdown
    [InlineData("53300", true)] // too many clients
    [InlineData("28P01", false)] // wrong password: waiting will not fix it
    [InlineData("3D000", false)] // no such database
    [InlineData("40001", false)] // a statement's serialization failure is not an open's
    public void IsTransientOpenFailure_TellsPassingConnectFailuresFromLastingOnes(string sqlState, bool transient) =>
        Assert.Equal(transient, DatabaseConnections.IsTransientOpenFailure(new PostgresException("test", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void IsTransientOpenFailure_CountsARefusedSocketAsTransient() =>
        Assert.True(DatabaseConnections.IsTransientOpenFailure(
            new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused))));
}
