using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Reminders.Api.Audit;
using Reminders.Api.Docs;
using Reminders.Api.Occurrences;
using Reminders.Api.Schedules;
using Reminders.Api.Security;
using Reminders.Api.Users;
using Reminders.Api.Validation;
using Reminders.Grains.Calendars;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;
using Reminders.Grains.Schedules;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Endpoints;

/// <summary>
/// <c>/api/v1/schedules</c>: any recurrence for any kind. Creates with a client id are idempotent, as for
/// users; <c>preview</c> runs the same validation and expansion and stores nothing.
/// </summary>
public static class ScheduleEndpoints
{
    private const int DefaultCount = 10;
    private const int MaxCount = 1000;

    public static IEndpointRouteBuilder MapScheduleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var schedules = endpoints.MapGroup("/api/v1/schedules").WithTags("Schedules");
        schedules.MapPost("/", CreateAsync)
            .WithSummary("Create a schedule").RequireAuthorization(AuthPolicies.Write).AcceptsJson<ScheduleBody>().ProducesProblems(400, 409);
        schedules.MapPost("/preview", PreviewAsync)
            .WithSummary("Preview a schedule without storing it").RequireAuthorization(AuthPolicies.Write).AcceptsJson<ScheduleBody>().WithCount();
        schedules.MapGet("/{id}", GetAsync)
            .WithSummary("Read a schedule").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400, 404);
        schedules.MapPut("/{id}", ReplaceAsync)
            .WithSummary("Replace a schedule").RequireAuthorization(AuthPolicies.Write).AcceptsJson<ScheduleBody>().ProducesProblems(404, 412).WithIfMatch();
        schedules.MapDelete("/{id}", DeleteAsync)
            .WithSummary("Delete a schedule").RequireAuthorization(AuthPolicies.Write).AcceptsJson<ReasonBody>(optional: true).ProducesProblems(404);
        schedules.MapPost("/{id}/pause", (string id, HttpContext context, IGrainFactory grains, AuditTrail audit) =>
            PauseOrResumeAsync(id, context, grains, audit, AuditActions.SchedulePause, (g, expected) => g.PauseAsync(expected)))
            .WithSummary("Pause a schedule").RequireAuthorization(AuthPolicies.Write).AcceptsJson<ReasonBody>(optional: true).ProducesProblems(404, 412).WithIfMatch();
        schedules.MapPost("/{id}/resume", (string id, HttpContext context, IGrainFactory grains, AuditTrail audit) =>
            PauseOrResumeAsync(id, context, grains, audit, AuditActions.ScheduleResume, (g, expected) => g.ResumeAsync(expected)))
            .WithSummary("Resume a schedule").RequireAuthorization(AuthPolicies.Write).AcceptsJson<ReasonBody>(optional: true).ProducesProblems(404, 412).WithIfMatch();
        schedules.MapGet("/{id}/upcoming", GetUpcomingAsync)
            .WithSummary("List a schedule's next occurrences").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400, 404).WithCount();
        schedules.MapGet("/{id}/occurrences", GetOccurrencesAsync)
            .WithSummary("List a schedule's occurrences").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400, 404)
            .WithPaging(EntityHistory.DefaultLimit, EntityHistory.MaxLimit);
        return endpoints;
    }

    private static async Task<Results<Created<ScheduleResponse>, Ok<ScheduleResponse>, ProblemHttpResult>> CreateAsync(
        HttpContext context, IGrainFactory grains, ScheduleRequestReader reader, TimeProvider clock, AuditTrail audit, CalendarCache calendars)
    {
        var (document, problem) = await JsonBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            if (reader.Read(document!.RootElement, routeId: null, out var errors) is not { } request)
            {
                return Problems.Validation(errors);
            }

            if (await reader.TargetProblemAsync(request, context.RequestAborted) is { } targetErrors)
            {
                return Problems.Validation(targetErrors);
            }

            if ((await ScheduleCalendars.ResolveAsync(request.Definition, calendars, context.RequestAborted)).Problem is { } calendarProblem)
            {
                return calendarProblem;
            }

            var id = request.Id ?? Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
            var result = await grains.GetScheduleGrain(id).CreateAsync(request.Definition);
            if (result.Outcome == ScheduleWriteOutcome.CalendarNotFound)
            {
                return ScheduleCalendars.Missing(request.Definition.Calendar!);
            }

            if (result.Outcome == ScheduleWriteOutcome.Created)
            {
                await audit.RecordAsync(context, AuditActions.ScheduleCreate, OccurrenceKeys.ScheduleEntity(id), reason: null);
            }

            var body = ScheduleResponse.From(result.Schedule!);
            EntityVersions.SetETag(context, body.Version);
            return result.Outcome switch
            {
                ScheduleWriteOutcome.Created => TypedResults.Created($"/api/v1/schedules/{id}", body),
                ScheduleWriteOutcome.Replayed => TypedResults.Ok(body),
                _ => Problems.Status(StatusCodes.Status409Conflict, "Schedule already exists",
                    $"A schedule with id '{id}' already exists with different details. Use PUT to change it."),
            };
        }
    }

    private static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> PreviewAsync(
        HttpContext context, ScheduleRequestReader reader, ScheduleSeriesFactory seriesFactory, TimeProvider clock, CalendarCache calendars)
    {
        if (ReadCount(context.Request) is not { } count)
        {
            return CountProblem();
        }

        var (document, problem) = await JsonBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            if (reader.Read(document!.RootElement, routeId: null, out var errors) is not { } request)
            {
                return Problems.Validation(errors);
            }

            if (await reader.TargetProblemAsync(request, context.RequestAborted) is { } targetErrors)
            {
                return Problems.Validation(targetErrors);
            }

            var (calendar, calendarProblem) = await ScheduleCalendars.ResolveAsync(request.Definition, calendars, context.RequestAborted);
            if (calendarProblem is not null)
            {
                return calendarProblem;
            }

            // What a create now would deliver: the occurrences at or after now (or after start, if later), and their
            // alarms, soonest first (an alarm already past of an occurrence to come is caught up, so it is listed).
            var series = seriesFactory.AllSeriesFor(request.Id ?? "preview", request.Definition, calendar);
            var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
            return TypedResults.Ok(PreviewResponse.From(series
                .SelectMany(s => s.From(now, highWater: null).Take(count))
                .OrderBy(o => o.Due)
                .Take(count)
                .Select(o => new UpcomingOccurrence(o.Kind, o.Key, o.LocalTime, o.Due, o.Adjustments, o.Planned, o.MovedTo))));
        }
    }

    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, IGrainFactory grains)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        if (await grains.GetScheduleGrain(id).GetAsync() is not { } schedule)
        {
            return Problems.NotFound("Schedule", id);
        }

        EntityVersions.SetETag(context, schedule.Version);
        return TypedResults.Ok(ScheduleResponse.From(schedule));
    }

    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> ReplaceAsync(
        string id, HttpContext context, IGrainFactory grains, ScheduleRequestReader reader, AuditTrail audit, CalendarCache calendars)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        if (!EntityVersions.TryReadIfMatch(context.Request, out var ifMatch))
        {
            return Problems.Validation("If-Match", "If-Match must be the schedule's version, for example \"3\".");
        }

        var (document, problem) = await JsonBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            if (reader.Read(document!.RootElement, id, out var errors) is not { } request)
            {
                return Problems.Validation(errors);
            }

            if (await reader.TargetProblemAsync(request, context.RequestAborted) is { } targetErrors)
            {
                return Problems.Validation(targetErrors);
            }

            if ((await ScheduleCalendars.ResolveAsync(request.Definition, calendars, context.RequestAborted)).Problem is { } calendarProblem)
            {
                return calendarProblem;
            }

            var expected = await EntityVersions.ExpectedAsync(ifMatch, () => CurrentVersionAsync(grains, id));
            return await WriteAsync(
                id, context, grains, g => g.UpdateAsync(request.Definition, expected ?? request.Version), audit, AuditActions.ScheduleReplace, reason: null);
        }
    }

    /// <summary>A pause or resume under the request's <c>If-Match</c>, with an optional <c>reason</c> for the audit log.</summary>
    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> PauseOrResumeAsync(
        string id, HttpContext context, IGrainFactory grains, AuditTrail audit, string action, Func<IScheduleGrain, int?, Task<ScheduleWriteResult>> call)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        if (!EntityVersions.TryReadIfMatch(context.Request, out var ifMatch))
        {
            return Problems.Validation("If-Match", "If-Match must be the schedule's version, for example \"3\".");
        }

        var (reason, problem) = await ChangeReason.ReadAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var expected = await EntityVersions.ExpectedAsync(ifMatch, () => CurrentVersionAsync(grains, id));
        return await WriteAsync(id, context, grains, g => call(g, expected), audit, action, reason);
    }

    private static async Task<int?> CurrentVersionAsync(IGrainFactory grains, string id) => (await grains.GetScheduleGrain(id).GetAsync())?.Version;

    /// <summary>
    /// Runs an update-like call (replace, pause, resume), maps its outcome, and audits it when it changed the schedule.
    /// A replace with the same definition, or a pause of a paused schedule, keeps the version and is not audited.
    /// </summary>
    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> WriteAsync(
        string id, HttpContext context, IGrainFactory grains, Func<IScheduleGrain, Task<ScheduleWriteResult>> call,
        AuditTrail audit, string action, string? reason)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        var grain = grains.GetScheduleGrain(id);
        var before = (await grain.GetAsync())?.Version;
        var result = await call(grain);
        switch (result.Outcome)
        {
            case ScheduleWriteOutcome.NotFound:
                return Problems.NotFound("Schedule", id);
            case ScheduleWriteOutcome.CalendarNotFound:
                return ScheduleCalendars.Missing(null);
            case ScheduleWriteOutcome.VersionMismatch:
                EntityVersions.SetETag(context, result.Schedule!.Version);
                return Problems.Status(StatusCodes.Status412PreconditionFailed, "Version mismatch",
                    $"The schedule is at version {result.Schedule.Version}; read it again and retry with that version.");
            default:
                if (result.Schedule!.Version != before)
                {
                    await audit.RecordAsync(context, action, OccurrenceKeys.ScheduleEntity(id), reason);
                }

                EntityVersions.SetETag(context, result.Schedule.Version);
                return TypedResults.Ok(ScheduleResponse.From(result.Schedule));
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        var (reason, problem) = await ChangeReason.ReadAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (!await grains.GetScheduleGrain(id).DeleteAsync())
        {
            return Problems.NotFound("Schedule", id);
        }

        await audit.RecordAsync(context, AuditActions.ScheduleDelete, OccurrenceKeys.ScheduleEntity(id), reason);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> GetUpcomingAsync(
        string id, HttpContext context, IGrainFactory grains)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        if (ReadCount(context.Request) is not { } count)
        {
            return CountProblem();
        }

        return await grains.GetScheduleGrain(id).GetUpcomingAsync(count) is { } upcoming
            ? TypedResults.Ok(PreviewResponse.From(upcoming))
            : Problems.NotFound("Schedule", id);
    }

    private static async Task<Results<Ok<OccurrencesResponse>, ProblemHttpResult>> GetOccurrencesAsync(
        string id, HttpContext context, IGrainFactory grains, IOccurrenceStore store)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        return await EntityHistory.PageAsync(
            context,
            store,
            OccurrenceKeys.ScheduleEntity(id),
            async () => await grains.GetScheduleGrain(id).GetAsync() is not null,
            () => Problems.NotFound("Schedule", id));
    }

    private static RouteHandlerBuilder WithCount(this RouteHandlerBuilder builder) =>
        builder.WithQuery("count", $"How many occurrences, 1 to {MaxCount}; {DefaultCount} when absent.", isInteger: true);

    private static int? ReadCount(HttpRequest request)
    {
        var text = request.Query["count"].ToString();
        if (text.Length == 0)
        {
            return DefaultCount;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= MaxCount ? count : null;
    }

    private static ProblemHttpResult CountProblem() =>
        Problems.Validation("count", $"count must be an integer from 1 to {MaxCount}.");
}
