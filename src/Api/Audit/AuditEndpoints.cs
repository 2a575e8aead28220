using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Api.Docs;
using Reminders.Api.Occurrences;
using Reminders.Api.Security;
using Reminders.Api.Validation;
using Reminders.Silo.Database;

namespace Reminders.Api.Audit;

/// <summary><c>GET /api/v1/audit?entity=&amp;after=&amp;limit=</c> (admin): the changes made through the API, newest first.</summary>
public static class AuditEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/audit", ListAsync)
            .WithTags("Audit").WithSummary("List changes made through the API").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400)
            .WithQuery("entity", "Only changes to this entity: user:<id> or schedule:<id>, such as user:ada.").WithPaging(DefaultLimit, MaxLimit);
        return endpoints;
    }

    private static async Task<Results<Ok<AuditPageResponse>, ProblemHttpResult>> ListAsync(HttpContext context, PostgresAuditLog log)
    {
        var errors = new Dictionary<string, string[]>();
        var (limit, after) = PageQuery.Read(context.Request.Query, DefaultLimit, MaxLimit, errors);
        (NodaTime.Instant, long)? position = null;
        if (after is { } token)
        {
            if (long.TryParse(token.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                position = (token.At, id);
            }
            else
            {
                errors["after"] = ["after must be the 'next' token of a previous page."];
            }
        }

        var entity = context.Request.Query["entity"].ToString() is { Length: > 0 } e ? e : null;
        if (entity is not null && !OccurrenceFilter.IsEntity(entity))
        {
            errors["entity"] = ["entity must be user:<id> or schedule:<id>, such as user:ada. " + EntityIds.Rule];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var rows = await log.ListAsync(entity, position, limit + 1, context.RequestAborted);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? PageTokens.Create(page[^1].At, page[^1].Id.ToString(CultureInfo.InvariantCulture)) : null;
        return TypedResults.Ok(new AuditPageResponse([.. page.Select(AuditEntryResponse.From)], next));
    }
}
