using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Reminders.Silo.Database;

namespace Reminders.Testing;

/// <summary>
/// A fresh database on the PostgreSQL server that the test command started, with the production schema
/// applied by the production migrator. Dropped on dispose. Without a server the tests fail, loudly.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string ConnectionStringVariable = "ConnectionStrings__Reminders";

    private readonly string _adminConnectionString;

    private PostgresDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        DataSource = RemindersDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Creates an empty database. Pass <paramref name="migrate"/> false to test the migrator itself.</summary>
    public static async Task<PostgresDatabase> CreateAsync(bool migrate = true)
    {
        var admin = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrEmpty(admin))
        {
            throw new InvalidOperationException(
                $"{ConnectionStringVariable} is not set. Run the tests with scripts/test.sh, which starts PostgreSQL.");
        }

        var name = "reminders_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var server = NpgsqlDataSource.Create(admin))
        {
            await using var create = server.CreateCommand($"CREATE DATABASE {name}");
            await create.ExecuteNonQueryAsync();
        }

        var database = new PostgresDatabase(admin, name);
        if (migrate)
        {
            await database.MigrateAsync();
        }

        return database;
    }

    /// <summary>Applies the production migrations, all of them or those up to <paramref name="upToVersion"/>.</summary>
    public Task MigrateAsync(int? upToVersion = null) =>
        new SchemaMigrator(DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None, upToVersion);

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of every row, as text.</summary>
    public async Task<IReadOnlyList<string>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var server = NpgsqlDataSource.Create(_adminConnectionString);
        await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
