using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Api.Audit;
using Reminders.Api.Docs;
using Reminders.Api.Schedules;
using Reminders.Api.Security;
using Reminders.Api.Users;
using Reminders.Api.Validation;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/schedules/{id}/backfill</c>: record and deliver the past occurrences in a local range that have
/// no ledger row (they fell due before the schedule was created, or before an edit that added them), under their
/// normal keys, oldest first. A key with a row, whatever its state, is never sent again: one skipped while paused or
/// as expired stays skipped, since that was the schedule's decision about it. <c>write</c> scope; audited as <c>schedule.backfill</c>
/// (with the range and how many were queued) when it queued anything.
/// </summary>
public static class BackfillEndpoints
{
    public static IEndpointRouteBuilder MapBackfillEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/schedules/{id}/backfill", BackfillAsync)
            .WithTags("Schedules").WithSummary("Deliver a schedule's past occurrences that were never recorded")
            .RequireAuthorization(AuthPolicies.Write).AcceptsJson<BackfillBody>().ProducesProblems(404, 409);
        return endpoints;
    }

    private static async Task<Results<Ok<BackfillResponse>, ProblemHttpResult>> BackfillAsync(
        string id, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        if (EntityIds.Problem(id) is { } badId)
        {
            return badId;
        }

        var (document, problem) = await JsonBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        BackfillRequest? request;
        var errors = new Dictionary<string, string[]>();
        using (document)
        {
            request = BackfillRequest.Read(document!.RootElement, errors);
        }

        if (request is null)
        {
            return Problems.Validation(errors);
        }

        var result = await grains.GetScheduleGrain(id).BackfillAsync(request.From, request.To, request.DryRun);
        switch (result.Outcome)
        {
            case BackfillOutcome.NotFound:
                return Problems.NotFound("Schedule", id);
            case BackfillOutcome.Paused:
                return Problems.Status(StatusCodes.Status409Conflict, "Schedule is paused", $"Schedule '{id}' is paused: resume it to backfill.");
            case BackfillOutcome.BeforeRetention:
                return Problems.Validation("from",
                    $"from reaches back past the ledger's retention: rows older than that may have been deleted, so a missing one would not prove the occurrence was never sent. Start at {ApiFormats.LocalDateTime(result.Earliest!.Value)} or later.");
        }

        var response = BackfillResponse.From(result, request.DryRun);
        if (response.Queued > 0)
        {
            var range = $"backfill {ApiFormats.LocalDateTime(request.From)}..{ApiFormats.LocalDateTime(request.To)}: {response.Queued} queued";
            await audit.RecordAsync(context, AuditActions.ScheduleBackfill, OccurrenceKeys.ScheduleEntity(id), request.Reason is { } reason ? $"{reason} ({range})" : range);
        }

        return TypedResults.Ok(response);
    }
}
