using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Api.Occurrences;
using Reminders.Api.Users;
using Reminders.Api.Validation;
using Reminders.Grains.DeadLetters;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Endpoints;

/// <summary>
/// Occurrences across entities: the dead-letter list, the uncertain list, and retry or discard of one
/// occurrence by key (the key names its entity, so the call goes straight to that grain).
/// </summary>
public static class OccurrenceEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapOccurrenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/dead-letters", (HttpContext context, IDeadLetterIndex index) =>
            ListAsync(context, index, OccurrenceStatus.DeadLettered)).WithTags("Occurrences");
        endpoints.MapGet("/api/v1/occurrences", ListByStatusAsync).WithTags("Occurrences");
        endpoints.MapPost("/api/v1/occurrences/{key}/retry", (string key, IGrainFactory grains) =>
            ChangeAsync(key, grains, (owner, k) => owner.RetryOccurrenceAsync(k))).WithTags("Occurrences");
        endpoints.MapPost("/api/v1/occurrences/{key}/discard", (string key, IGrainFactory grains) =>
            ChangeAsync(key, grains, (owner, k) => owner.DiscardOccurrenceAsync(k))).WithTags("Occurrences");
        return endpoints;
    }

    private static Task<Results<Ok<DeadLetterPageResponse>, ProblemHttpResult>> ListByStatusAsync(HttpContext context, IDeadLetterIndex index)
    {
        var status = context.Request.Query["status"].ToString();
        return status switch
        {
            "uncertain" => ListAsync(context, index, OccurrenceStatus.Uncertain),
            "deadLettered" => ListAsync(context, index, OccurrenceStatus.DeadLettered),
            _ => Task.FromResult<Results<Ok<DeadLetterPageResponse>, ProblemHttpResult>>(
                Problems.Validation("status", "status must be uncertain or deadLettered (the states that wait for a retry or discard).")),
        };
    }

    private static async Task<Results<Ok<DeadLetterPageResponse>, ProblemHttpResult>> ListAsync(HttpContext context, IDeadLetterIndex index, OccurrenceStatus status)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            errors["limit"] = [$"limit must be an integer from 1 to {MaxLimit}."];
        }

        (NodaTime.Instant, string)? after = null;
        if (query["after"].ToString() is { Length: > 0 } token)
        {
            if (PageTokens.TryRead(token, out var position))
            {
                after = position;
            }
            else
            {
                errors["after"] = ["after must be the 'next' token of a previous page."];
            }
        }

        var kind = query["kind"].ToString() is { Length: > 0 } k ? k : null;
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var entries = await index.ListAsync(new DeadLetterQuery(status, kind, after, limit + 1), context.RequestAborted);
        var page = entries.Take(limit).ToList();
        var next = entries.Count > limit ? PageTokens.Create(page[^1].ClosedAt, page[^1].Key) : null;
        return TypedResults.Ok(new DeadLetterPageResponse([.. page.Select(DeadLetterResponse.From)], next));
    }

    private static async Task<Results<Ok<OccurrenceResponse>, ProblemHttpResult>> ChangeAsync(
        string key, IGrainFactory grains, Func<IOccurrenceOwner, string, Task<OccurrenceView?>> change)
    {
        if (Owner(key, grains) is not { } owner)
        {
            return Problems.Validation("key", "key must be an occurrence key such as user:ada:birthday:2027 or schedule:standup:20270301T090000.");
        }

        return await change(owner, key) is { } occurrence
            ? TypedResults.Ok(OccurrenceResponse.From(occurrence))
            : Problems.NotFound("Occurrence", key);
    }

    /// <summary>The grain that owns an occurrence key: <c>user:&lt;id&gt;:...</c> or <c>schedule:&lt;id&gt;:...</c>.</summary>
    private static IOccurrenceOwner? Owner(string key, IGrainFactory grains)
    {
        var parts = key.Split(':');
        if (parts.Length < 3 || !EntityIds.IsValid(parts[1]))
        {
            return null;
        }

        return parts[0] switch
        {
            OccurrenceKeys.UserPrefix => grains.GetUserGrain(parts[1]),
            OccurrenceKeys.SchedulePrefix => grains.GetScheduleGrain(parts[1]),
            _ => null,
        };
    }
}
