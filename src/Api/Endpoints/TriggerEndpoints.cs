using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Reminders.Api.Audit;
using Reminders.Api.Docs;
using Reminders.Api.Security;
using Reminders.Api.Users;
using Reminders.Api.Validation;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/schedules/{id}/trigger</c> and <c>/api/v1/users/{id}/trigger</c>: deliver now what the entity's next
/// occurrence would send, as an occurrence of its own keyed <c>&lt;entity&gt;:-manual-&lt;Idempotency-Key&gt;</c>. The header is required, so a
/// retried request finds its occurrence and sends nothing twice. The scheduled occurrence is still sent when it
/// falls due. <c>write</c> scope, like pause and resume; audited as <c>schedule.trigger</c> or <c>user.trigger</c>.
/// </summary>
public static class TriggerEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapTriggerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        Document(endpoints.MapPost("/api/v1/schedules/{id}/trigger", (string id, HttpContext context, IGrainFactory grains, AuditTrail audit) =>
            TriggerAsync(id, "Schedule", OccurrenceKeys.ScheduleEntity(id), AuditActions.ScheduleTrigger, context, audit, key => grains.GetScheduleGrain(id).TriggerAsync(key)))
            .WithTags("Schedules").WithSummary("Deliver a schedule's message now"));
        Document(endpoints.MapPost("/api/v1/users/{id}/trigger", (string id, HttpContext context, IGrainFactory grains, AuditTrail audit) =>
            TriggerAsync(id, "User", OccurrenceKeys.UserEntity(id), AuditActions.UserTrigger, context, audit, key => grains.GetUserGrain(id).TriggerAsync(key)))
            .WithTags("Users").WithSummary("Deliver a user's next message now"));
        return endpoints;
    }

    private static RouteHandlerBuilder Document(RouteHandlerBuilder builder) => builder
        .RequireAuthorization(AuthPolicies.Write).AcceptsJson<ReasonBody>(optional: true).ProducesProblems(404, 409)
        .WithMetadata(new DocumentedParameter(IdempotencyHeader, ParameterLocation.Header,
            "Required: names this request (1-64 letters, digits, '.', '_' or '-'). Repeating it returns the same occurrence and sends nothing again."));

    private static async Task<Results<Accepted<OccurrenceResponse>, Ok<OccurrenceResponse>, ProblemHttpResult>> TriggerAsync(
        string id, string what, string entity, string action, HttpContext context, AuditTrail audit, Func<string, Task<TriggerResult>> trigger)
    {
        if (EntityIds.Problem(id) is { } badId)
        {
            return badId;
        }

        var requestKey = context.Request.Headers[IdempotencyHeader].ToString();
        if (!EntityIds.IsValid(requestKey))
        {
            return Problems.Validation(IdempotencyHeader,
                $"{IdempotencyHeader} is required: 1-64 letters, digits, '.', '_' or '-' naming this request, so that a retry does not send twice.");
        }

        var (reason, problem) = await ChangeReason.ReadAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var result = await trigger(requestKey);
        switch (result.Outcome)
        {
            case TriggerOutcome.NotFound:
                return Problems.NotFound(what, id);
            case TriggerOutcome.Paused:
                return Problems.Status(StatusCodes.Status409Conflict, $"{what} is paused", $"{what} '{id}' is paused: resume it to deliver.");
            case TriggerOutcome.Finished:
                return Problems.Status(StatusCodes.Status409Conflict, $"{what} has finished", $"{what} '{id}' has no occurrence left to deliver early.");
            case TriggerOutcome.Replayed:
                return TypedResults.Ok(OccurrenceResponse.From(result.Occurrence!));
            default:
                await audit.RecordAsync(context, action, entity, reason, occurrenceKey: result.Occurrence!.Key);
                return TypedResults.Accepted($"/api/v1/{what.ToLowerInvariant()}s/{id}/occurrences", OccurrenceResponse.From(result.Occurrence));
        }
    }
}
