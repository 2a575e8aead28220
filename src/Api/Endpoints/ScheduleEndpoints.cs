using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Reminders.Api.Occurrences;
using Reminders.Api.Schedules;
using Reminders.Api.Users;
using Reminders.Api.Validation;
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
        schedules.MapPost("/", CreateAsync);
        schedules.MapPost("/preview", PreviewAsync);
        schedules.MapGet("/{id}", GetAsync);
        schedules.MapPut("/{id}", ReplaceAsync);
        schedules.MapDelete("/{id}", DeleteAsync);
        schedules.MapPost("/{id}/pause", (string id, HttpContext context, IGrainFactory grains) =>
            ConditionalWriteAsync(id, context, (g, expected) => g.GetScheduleGrain(id).PauseAsync(expected), grains));
        schedules.MapPost("/{id}/resume", (string id, HttpContext context, IGrainFactory grains) =>
            ConditionalWriteAsync(id, context, (g, expected) => g.GetScheduleGrain(id).ResumeAsync(expected), grains));
        schedules.MapGet("/{id}/upcoming", GetUpcomingAsync);
        schedules.MapGet("/{id}/occurrences", GetOccurrencesAsync);
        return endpoints;
    }

    private static async Task<Results<Created<ScheduleResponse>, Ok<ScheduleResponse>, ProblemHttpResult>> CreateAsync(
        HttpContext context, IGrainFactory grains, ScheduleRequestReader reader, TimeProvider clock)
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

            var id = request.Id ?? Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
            var result = await grains.GetScheduleGrain(id).CreateAsync(request.Definition);
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
        HttpContext context, ScheduleRequestReader reader, ScheduleSeriesFactory seriesFactory, TimeProvider clock)
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

            // What a create now would deliver: the occurrences at or after now (or after start, if later).
            var series = seriesFactory.SeriesFor(request.Id ?? "preview", request.Definition);
            var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
            return TypedResults.Ok(PreviewResponse.From(series.From(now, highWater: null)
                .Take(count)
                .Select(o => new UpcomingOccurrence(o.Kind, o.Key, o.LocalTime, o.Due, o.Adjustments))));
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
        string id, HttpContext context, IGrainFactory grains, ScheduleRequestReader reader)
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

            var expected = await EntityVersions.ExpectedAsync(ifMatch, () => CurrentVersionAsync(grains, id));
            return await WriteAsync(id, context, g => g.GetScheduleGrain(id).UpdateAsync(request.Definition, expected ?? request.Version), grains);
        }
    }

    /// <summary>A bodiless write (pause, resume) under the request's <c>If-Match</c>.</summary>
    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> ConditionalWriteAsync(
        string id, HttpContext context, Func<IGrainFactory, int?, Task<ScheduleWriteResult>> call, IGrainFactory grains)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        if (!EntityVersions.TryReadIfMatch(context.Request, out var ifMatch))
        {
            return Problems.Validation("If-Match", "If-Match must be the schedule's version, for example \"3\".");
        }

        var expected = await EntityVersions.ExpectedAsync(ifMatch, () => CurrentVersionAsync(grains, id));
        return await WriteAsync(id, context, g => call(g, expected), grains);
    }

    private static async Task<int?> CurrentVersionAsync(IGrainFactory grains, string id) => (await grains.GetScheduleGrain(id).GetAsync())?.Version;

    /// <summary>Runs an update-like call (replace, pause, resume) and maps its outcome.</summary>
    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> WriteAsync(
        string id, HttpContext context, Func<IGrainFactory, Task<ScheduleWriteResult>> call, IGrainFactory grains)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        var result = await call(grains);
        switch (result.Outcome)
        {
            case ScheduleWriteOutcome.NotFound:
                return Problems.NotFound("Schedule", id);
            case ScheduleWriteOutcome.VersionMismatch:
                EntityVersions.SetETag(context, result.Schedule!.Version);
                return Problems.Status(StatusCodes.Status412PreconditionFailed, "Version mismatch",
                    $"The schedule is at version {result.Schedule.Version}; read it again and retry with that version.");
            default:
                EntityVersions.SetETag(context, result.Schedule!.Version);
                return TypedResults.Ok(ScheduleResponse.From(result.Schedule));
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, IGrainFactory grains)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        return await grains.GetScheduleGrain(id).DeleteAsync() ? TypedResults.NoContent() : Problems.NotFound("Schedule", id);
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
