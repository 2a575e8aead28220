using Reminders.Api.Docs;
using Reminders.Api.Security;

namespace Reminders.Api.Stats;

/// <summary><c>GET /api/v1/stats</c>: the overview's figures (<see cref="ServiceStats"/>). <c>read</c> scope.</summary>
public static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStatsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/stats", async (HttpContext context, ServiceStats stats) => TypedResults.Ok(await stats.ReadAsync(context.RequestAborted)))
            .WithTags("Stats").WithSummary("Read the service's figures").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400);
        return endpoints;
    }
}
