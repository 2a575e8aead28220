using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Api.Docs;
using Reminders.Api.Security;
using Reminders.Api.Validation;

namespace Reminders.Api.Occurrences;

/// <summary>
/// <c>POST /api/v1/occurrences/retry</c> and <c>/discard</c>: many keys at once, or those a filter selects, each handled
/// idempotently by <see cref="OccurrenceOperations"/> with a result per key. <c>admin</c> scope, like the single-key routes.
/// </summary>
public static class BulkEndpoints
{
    public static IEndpointRouteBuilder MapBulkEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/occurrences/retry", (HttpContext context, OccurrenceOperations operations) =>
            ApplyAsync(context, operations, (keys, reason) => operations.RetryAsync(keys, context.User, reason, context.RequestAborted)))
            .WithTags("Occurrences").WithSummary("Retry many dead-lettered or uncertain occurrences").RequireAuthorization(AuthPolicies.Admin).AcceptsJson<BulkBody>();
        endpoints.MapPost("/api/v1/occurrences/discard", (HttpContext context, OccurrenceOperations operations) =>
            ApplyAsync(context, operations, (keys, reason) => operations.DiscardAsync(keys, context.User, reason, context.RequestAborted)))
            .WithTags("Occurrences").WithSummary("Discard many occurrences").RequireAuthorization(AuthPolicies.Admin).AcceptsJson<BulkBody>();
        return endpoints;
    }

    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> ApplyAsync(
        HttpContext context, OccurrenceOperations operations, Func<IReadOnlyList<string>, string?, Task<IReadOnlyList<BulkItemResult>>> apply)
    {
        var (document, problem) = await JsonBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            if (BulkRequest.Read(document!.RootElement, out var errors) is not { } request)
            {
                return Problems.Validation(errors);
            }

            var (keys, more) = await operations.SelectAsync(request, context.RequestAborted);
            return TypedResults.Ok(new BulkResponse(await apply(keys, request.Reason), more));
        }
    }
}
