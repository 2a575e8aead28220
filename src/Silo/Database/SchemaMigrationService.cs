using Microsoft.Extensions.Hosting;

namespace Reminders.Silo.Database;

/// <summary>Brings the schema up to date before the silo starts: Orleans providers read their queries once, at startup.</summary>
public sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
