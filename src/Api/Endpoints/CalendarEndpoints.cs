using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Api.Audit;
using Reminders.Api.Calendars;
using Reminders.Api.Catalog;
using Reminders.Api.Docs;
using Reminders.Api.Security;
using Reminders.Api.Validation;
using Reminders.Grains.Calendars;
using Reminders.Silo.Calendars;

namespace Reminders.Api.Endpoints;

/// <summary>
/// <c>/api/v1/calendars</c>: business calendars that schedules name to skip or move occurrences on excluded days.
/// Writes need <c>admin</c> (one calendar changes many schedules), reads <c>read</c>. A change re-arms every schedule
/// using the calendar in the background; a delete is refused while any schedule uses it.
/// </summary>
public static class CalendarEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var calendars = endpoints.MapGroup("/api/v1/calendars").WithTags("Calendars");
        calendars.MapGet("/", ListAsync)
            .WithSummary("List business calendars").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400).WithPaging(DefaultLimit, MaxLimit);
        calendars.MapPut("/{id}", PutAsync)
            .WithSummary("Create or replace a business calendar").RequireAuthorization(AuthPolicies.Admin).AcceptsJson<CalendarBody>().ProducesProblems(400);
        calendars.MapGet("/{id}", GetAsync)
            .WithSummary("Read a business calendar").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400, 404);
        calendars.MapDelete("/{id}", DeleteAsync)
            .WithSummary("Delete a business calendar no schedule uses").RequireAuthorization(AuthPolicies.Admin).ProducesProblems(400, 404, 409);
        return endpoints;
    }

    private static async Task<Results<Created<CalendarResponse>, Ok<CalendarResponse>, ProblemHttpResult>> PutAsync(
        string id, HttpContext context, ICalendarStore store, CalendarCache cache, CalendarRearmService rearm, AuditTrail audit)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        var (document, problem) = await JsonBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            if (CalendarRequestReader.Read(document!.RootElement, id, out var errors) is not { } request)
            {
                return Problems.Validation(errors);
            }

            var before = (await store.GetAsync(id, context.RequestAborted))?.Version;
            var (calendar, created) = await store.PutAsync(id, request.Dates, request.Rules, request.Weekend, CancellationToken.None);
            if (calendar.Version != before)
            {
                cache.Forget(id);
                rearm.Signal();
                await audit.RecordAsync(context, created ? AuditActions.CalendarCreate : AuditActions.CalendarReplace, CalendarEntity(id), reason: null);
            }

            var body = CalendarResponse.From(calendar);
            return created ? TypedResults.Created($"/api/v1/calendars/{id}", body) : TypedResults.Ok(body);
        }
    }

    private static async Task<Results<Ok<CalendarResponse>, ProblemHttpResult>> GetAsync(string id, HttpContext context, ICalendarStore store)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        return await store.GetAsync(id, context.RequestAborted) is { } calendar
            ? TypedResults.Ok(CalendarResponse.From(calendar))
            : Problems.NotFound("Calendar", id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext context, ICalendarStore store, CalendarCache cache, AuditTrail audit)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        switch (await store.DeleteAsync(id, CancellationToken.None))
        {
            case CalendarDeleteOutcome.NotFound:
                return Problems.NotFound("Calendar", id);
            case CalendarDeleteOutcome.InUse:
                var users = await store.UsersAsync(id, after: null, limit: 5, context.RequestAborted);
                return Problems.Status(StatusCodes.Status409Conflict, "Calendar in use",
                    $"Business calendar '{id}' is used by schedules ({string.Join(", ", users)}{(users.Count == 5 ? ", ..." : "")}); change or delete them first.");
            default:
                cache.Forget(id);
                await audit.RecordAsync(context, AuditActions.CalendarDelete, CalendarEntity(id), reason: null);
                return TypedResults.NoContent();
        }
    }

    private static async Task<Results<Ok<CalendarPageResponse>, ProblemHttpResult>> ListAsync(HttpContext context, ICalendarStore store)
    {
        var query = context.Request.Query;
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            return Problems.Validation("limit", $"limit must be an integer from 1 to {MaxLimit}.");
        }

        string? after = null;
        if (query["after"].ToString() is { Length: > 0 } token)
        {
            if (!CatalogPageToken.TryRead(token, out var id))
            {
                return Problems.Validation("after", "after must be the 'next' token of a previous page.");
            }

            after = id;
        }

        // One more than a page tells whether another page follows.
        var rows = await store.ListAsync(after, limit + 1, context.RequestAborted);
        var page = rows.Take(limit).ToList();
        return TypedResults.Ok(new CalendarPageResponse(
            [.. page.Select(CalendarResponse.From)],
            rows.Count > limit ? CatalogPageToken.Create(page[^1].Id) : null));
    }

    private static string CalendarEntity(string id) => "calendar:" + id;
}
