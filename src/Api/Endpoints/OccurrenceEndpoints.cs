using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Api.Audit;
using Reminders.Api.Docs;
using Reminders.Api.Occurrences;
using Reminders.Api.Security;
using Reminders.Api.Users;
using Reminders.Api.Validation;
using Reminders.Grains.Ledger;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Api.Endpoints;

/// <summary>
/// Occurrences across entities, from the ledger table: every occurrence filtered and paged, the dead-letter list,
/// and retry or discard of one occurrence by key (the key names its entity, so the call goes straight to that grain).
/// Lists are <c>read</c>, retry and discard <c>admin</c>; receiver answers (<c>lastResponseBody</c>) only admins see.
/// </summary>
public static class OccurrenceEndpoints
{
    private const int DeadLetterDefaultLimit = 50;
    private const int DeadLetterMaxLimit = 500;

    public static IEndpointRouteBuilder MapOccurrenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/dead-letters", (HttpContext context, IOccurrenceStore store) =>
            ListAwaitingOperatorAsync(context, store, OccurrenceStatus.DeadLettered))
            .WithTags("Occurrences").WithSummary("List dead-lettered occurrences").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400)
            .WithQuery("kind", "Only occurrences of this event kind.").WithPaging(DeadLetterDefaultLimit, DeadLetterMaxLimit);
        endpoints.MapGet("/api/v1/occurrences", ListAsync)
            .WithTags("Occurrences").WithSummary("List occurrences across entities").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400)
            .WithQuery("status", "Only occurrences with this status: scheduled, dispatching, delivered, retrying, deadLettered, skipped or uncertain.")
            .WithQuery("kind", "Only occurrences of this event kind.")
            .WithQuery("entity", "Only occurrences of this entity: user:<id> or schedule:<id>, such as user:ada.")
            .WithQuery("dueFrom", "Only occurrences due at or after this UTC instant, such as 2027-03-01T09:00:00Z.")
            .WithQuery("dueTo", "Only occurrences due before this UTC instant; after dueFrom.")
            .WithPaging(EntityHistory.DefaultLimit, EntityHistory.MaxLimit);
        endpoints.MapPost("/api/v1/occurrences/{key}/retry", (string key, HttpContext context, OccurrenceOperations operations, IOccurrenceStore store, AuditTrail audit) =>
            ChangeAsync(key, context, operations, store, audit, AuditActions.OccurrenceRetry, (owner, k) => owner.RetryOccurrenceAsync(k)))
            .WithTags("Occurrences").WithSummary("Retry a dead-lettered occurrence").RequireAuthorization(AuthPolicies.Admin).AcceptsJson<ReasonBody>(optional: true).ProducesProblems(404);
        endpoints.MapPost("/api/v1/occurrences/{key}/discard", (string key, HttpContext context, OccurrenceOperations operations, IOccurrenceStore store, AuditTrail audit) =>
            ChangeAsync(key, context, operations, store, audit, AuditActions.OccurrenceDiscard, (owner, k) => owner.DiscardOccurrenceAsync(k)))
            .WithTags("Occurrences").WithSummary("Discard an occurrence").RequireAuthorization(AuthPolicies.Admin).AcceptsJson<ReasonBody>(optional: true).ProducesProblems(404);
        return endpoints;
    }

    /// <summary><c>?status=&amp;kind=&amp;entity=&amp;dueFrom=&amp;dueTo=&amp;limit=&amp;after=</c>, newest due first.</summary>
    private static async Task<Results<Ok<LedgerPageResponse>, ProblemHttpResult>> ListAsync(HttpContext context, IOccurrenceStore store)
    {
        var errors = new Dictionary<string, string[]>();
        var (limit, after) = PageQuery.Read(context.Request.Query, EntityHistory.DefaultLimit, EntityHistory.MaxLimit, errors);
        var filter = OccurrenceFilter.Read(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = new OccurrenceQuery(limit + 1, filter.Entity, filter.Status, filter.Kind, filter.DueFrom, filter.DueTo, after);
        var (page, next) = PageQuery.Cut(await store.ListAsync(query, context.RequestAborted), limit, r => r.Due);
        return TypedResults.Ok(new LedgerPageResponse([.. page.Select(r => LedgerOccurrenceResponse.From(r).ForCaller(context.User))], next));
    }

    private static async Task<Results<Ok<DeadLetterPageResponse>, ProblemHttpResult>> ListAwaitingOperatorAsync(
        HttpContext context, IOccurrenceStore store, OccurrenceStatus status)
    {
        var errors = new Dictionary<string, string[]>();
        var (limit, after) = PageQuery.Read(context.Request.Query, DeadLetterDefaultLimit, DeadLetterMaxLimit, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var kind = context.Request.Query["kind"].ToString() is { Length: > 0 } k ? k : null;
        var rows = await store.ListAwaitingOperatorAsync(status, kind, after, limit + 1, context.RequestAborted);
        var (page, next) = PageQuery.Cut(rows, limit, r => r.ClosedOrLastAttempt);
        return TypedResults.Ok(new DeadLetterPageResponse([.. page.Select(r => DeadLetterResponse.From(r).ForCaller(context.User))], next));
    }

    /// <summary>
    /// Retries or discards an occurrence, and audits it when its status changed: a retry of an occurrence that is not
    /// dead-lettered, or a discard of a delivered one, changes nothing and is not audited.
    /// </summary>
    private static async Task<Results<Ok<OccurrenceResponse>, ProblemHttpResult>> ChangeAsync(
        string key, HttpContext context, OccurrenceOperations operations, IOccurrenceStore store, AuditTrail audit, string action,
        Func<IOccurrenceOwner, string, Task<OccurrenceView?>> change)
    {
        if (operations.Owner(key) is not { } owner)
        {
            return Problems.Validation("key", "key must be an occurrence key such as user:ada:birthday:2027 or schedule:standup:20270301T090000.");
        }

        var (reason, problem) = await ChangeReason.ReadAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var before = (await store.ReadAsync(key, context.RequestAborted))?.Status;
        if (await change(owner, key) is not { } occurrence)
        {
            return Problems.NotFound("Occurrence", key);
        }

        if (occurrence.Status != before)
        {
            var parts = key.Split(':');
            await audit.RecordAsync(context, action, parts[0] + ":" + parts[1], reason, occurrenceKey: key);
        }

        return TypedResults.Ok(OccurrenceResponse.From(occurrence));
    }
}
