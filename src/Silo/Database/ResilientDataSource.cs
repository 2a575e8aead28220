using System.Data.Common;
using Npgsql;

namespace Reminders.Silo.Database;

/// <summary>
/// The data source the Orleans providers (grain state, reminders, membership) are given: the silo's
/// <see cref="NpgsqlDataSource"/>, whose opens retry as <see cref="DatabaseConnections"/> says. The providers
/// open every connection through <see cref="DbDataSource.OpenConnectionAsync"/>, so that is the one place.
/// Disposing it leaves the inner data source alone: the container owns and disposes that.
/// </summary>
public sealed class ResilientDataSource(DatabaseConnections connections) : DbDataSource
{
    public override string ConnectionString => connections.DataSource.ConnectionString;

    protected override DbConnection CreateDbConnection() => connections.DataSource.CreateConnection();

    protected override DbConnection OpenDbConnection() => connections.OpenAsync().AsTask().GetAwaiter().GetResult();

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default) =>
        await connections.OpenAsync(cancellationToken);
}
