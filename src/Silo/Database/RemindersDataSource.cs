using System.Data.Common;
using Npgsql;

namespace Reminders.Silo.Database;

/// <summary>Builds the one PostgreSQL data source a silo uses for clustering, storage, reminders and migrations.</summary>
public static class RemindersDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);

        // Npgsql resets a pooled connection with DISCARD ALL, which PostgreSQL counts as one more transaction
        // per statement: every grain write would cost two commits. Nothing here sets session state, so
        // there is nothing to reset. A setting in the connection string still wins.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!Given(given, "No Reset On Close", "NoResetOnClose"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        // Every silo has its own pool, and PostgreSQL refuses connections beyond max_connections ("53300: too many
        // clients"): three silos with Npgsql's default of 100 each exhausted a 300-connection server in the
        // benchmark, an outcome write failed after the send, and the occurrence was resent a tick later. Writes
        // hold a connection for about a millisecond, so 50 serve a silo's 200 in-flight deliveries with room.
        if (!Given(given, "Max Pool Size", "MaxPoolSize", "Maximum Pool Size"))
        {
            builder.ConnectionStringBuilder.MaxPoolSize = 50;
        }

        // The providers run a handful of fixed statements thousands of times a second: prepared once per
        // connection, PostgreSQL skips parsing and planning them (about a tenth off the 10,000 herd).
        if (!Given(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }

        return builder.Build();
    }

    // The connection string sets this itself, under any of Npgsql's spellings of the keyword.
    private static bool Given(DbConnectionStringBuilder given, params string[] spellings) => spellings.Any(given.ContainsKey);
}
