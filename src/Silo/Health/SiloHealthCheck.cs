using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Reminders.Silo.Health;

/// <summary>Ready only while the co-hosted silo is an active member of the cluster.</summary>
public sealed class SiloHealthCheck(ISiloStatusOracle silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(silo.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active.")
            : HealthCheckResult.Unhealthy($"The silo is {silo.CurrentStatus}."));
}
