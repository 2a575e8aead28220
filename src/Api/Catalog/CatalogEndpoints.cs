using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Reminders.Api.Docs;
using Reminders.Api.Security;
using Reminders.Api.Validation;
using Reminders.Grains.Catalog;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Catalog;

/// <summary>
/// <c>GET /api/v1/users</c> and <c>GET /api/v1/schedules</c>: every user or schedule, searched, filtered and paged
/// in id order, from the entity catalog (migration 0010). <c>read</c> scope.
/// </summary>
public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        Document(endpoints.MapGet("/api/v1/users", (HttpContext context, IEntityCatalog catalog, CatalogQueryReader reader, IDateTimeZoneProvider zones) =>
            ListAsync(OccurrenceKeys.UserPrefix, context, catalog, reader, zones))
            .WithTags("Users").WithSummary("List and search users"));
        Document(endpoints.MapGet("/api/v1/schedules", (HttpContext context, IEntityCatalog catalog, CatalogQueryReader reader, IDateTimeZoneProvider zones) =>
            ListAsync(OccurrenceKeys.SchedulePrefix, context, catalog, reader, zones))
            .WithTags("Schedules").WithSummary("List and search schedules"));
        return endpoints;
    }

    private static RouteHandlerBuilder Document(RouteHandlerBuilder builder) => builder
        .RequireAuthorization(AuthPolicies.Read).ProducesProblems(400)
        .WithQuery("q", "Text the id, names or rule contain (case-insensitive), such as 'ada' or 'weekday'.")
        .WithQuery("kind", "Only entities with this event kind, such as birthday.")
        .WithQuery("zone", "Only entities in this IANA time zone, such as Europe/London.")
        .WithQuery("paused", "true for paused schedules only, false for running ones.")
        .WithQuery("dueFrom", "Only entities next due at or after this UTC instant, such as 2027-03-01T09:00:00Z.")
        .WithQuery("dueTo", "Only entities next due before this UTC instant; after dueFrom.")
        .WithQuery("hasDeadLetters", "true for entities with dead-lettered or uncertain occurrences, false for those without.")
        .WithPaging(CatalogQueryReader.DefaultLimit, CatalogQueryReader.MaxLimit);

    private static async Task<Results<Ok<CatalogPageResponse>, ProblemHttpResult>> ListAsync(
        string entityType, HttpContext context, IEntityCatalog catalog, CatalogQueryReader reader, IDateTimeZoneProvider zones)
    {
        if (reader.Read(entityType, context.Request.Query, out var errors) is not { } query)
        {
            return Problems.Validation(errors);
        }

        var page = await catalog.ListAsync(query, context.RequestAborted);
        return TypedResults.Ok(new CatalogPageResponse(
            [.. page.Items.Select(e => CatalogEntryResponse.From(e, zones))],
            page.Next is { } next ? CatalogPageToken.Create(next) : null));
    }
}
