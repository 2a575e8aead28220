using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Reminders.Api.Audit;
using Reminders.Api.Docs;
using Reminders.Api.Security;
using Reminders.Api.Users;
using Reminders.Api.Validation;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/schedules/{id}/trigger</c>: deliver now what the schedule's next occurrence would send, as an
/// occurrence of its own keyed <c>schedule:&lt;id&gt;:-manual-&lt;Idempotency-Key&gt;</c>. The header is required, so a
/// retried request finds its occurrence and sends nothing twice. The scheduled occurrence is still sent when it
/// falls due. <c>write</c> scope, like pause and resume; audited as <c>schedule.trigger</c>.
/// </summary>
public static class TriggerEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapTriggerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/schedules/{id}/trigger", TriggerAsync)
            .WithTags("Schedules").WithSummary("Deliver a schedule's message now").RequireAuthorization(AuthPolicies.Write)
            .AcceptsJson<ReasonBody>(optional: true).ProducesProblems(404, 409)
            .WithMetadata(new DocumentedParameter(IdempotencyHeader, ParameterLocation.Header,
                "Required: names this request (1-64 letters, digits, '.', '_' or '-'). Repeating it returns the same occurrence and sends nothing again."));
        return endpoints;
    }

    private static async Task<Results<Accepted<OccurrenceResponse>, Ok<OccurrenceResponse>, ProblemHttpResult>> TriggerAsync(
        string id, HttpContext context, IGrainFactory grains, AuditTrail audit)
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

        var result = await grains.GetScheduleGrain(id).TriggerAsync(requestKey);
        switch (result.Outcome)
        {
            case TriggerOutcome.NotFound:
                return Problems.NotFound("Schedule", id);
            case TriggerOutcome.Paused:
                return Problems.Status(StatusCodes.Status409Conflict, "Schedule is paused", $"Schedule '{id}' is paused: resume it to deliver.");
            case TriggerOutcome.Finished:
                return Problems.Status(StatusCodes.Status409Conflict, "Schedule has finished", $"Schedule '{id}' has no occurrence left to deliver early.");
            case TriggerOutcome.Replayed:
                return TypedResults.Ok(OccurrenceResponse.From(result.Occurrence!));
            default:
                await audit.RecordAsync(context, AuditActions.ScheduleTrigger, OccurrenceKeys.ScheduleEntity(id), reason, occurrenceKey: result.Occurrence!.Key);
                return TypedResults.Accepted($"/api/v1/schedules/{id}/occurrences", OccurrenceResponse.From(result.Occurrence));
        }
    }
}
