using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Api.Users;
using Reminders.Api.Validation;
using Reminders.Grains.Ledger;

namespace Reminders.Api.Occurrences;

/// <summary>
/// <c>GET .../{id}/occurrences</c> for any entity: its ledger rows newest due first, in keyset pages, read straight
/// from the ledger table, so a read never waits behind a send the entity's grain has in flight.
/// </summary>
public static class EntityHistory
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<Results<Ok<OccurrencesResponse>, ProblemHttpResult>> PageAsync(
        HttpContext context, IOccurrenceStore store, string entityKey, Func<Task<bool>> exists, Func<ProblemHttpResult> notFound)
    {
        var errors = new Dictionary<string, string[]>();
        var (limit, after) = PageQuery.Read(context.Request.Query, DefaultLimit, MaxLimit, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!await exists())
        {
            return notFound();
        }

        var rows = await store.ListAsync(new OccurrenceQuery(limit + 1, Entity: entityKey, After: after), context.RequestAborted);
        var (page, next) = PageQuery.Cut(rows, limit, r => r.Due);
        return TypedResults.Ok(new OccurrencesResponse([.. page.Select(r => OccurrenceResponse.From(r.ToView()).ForCaller(context.User))], next));
    }
}
