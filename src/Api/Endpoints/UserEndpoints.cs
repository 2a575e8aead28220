using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Api.Audit;
using Reminders.Api.Docs;
using Reminders.Api.Occurrences;
using Reminders.Api.Security;
using Reminders.Api.Users;
using Reminders.Api.Validation;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Endpoints;

/// <summary>
/// <c>/api/v1/users</c>: validate, map, call the user's grain. Creates with a client id are idempotent:
/// the same body again is a 200 replay, a different body a 409.
/// </summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/v1/users").WithTags("Users");
        users.MapPost("/", CreateAsync)
            .WithSummary("Create a user").RequireAuthorization(AuthPolicies.Write).AcceptsJson<UserBody>().ProducesProblems(409);
        users.MapGet("/{id}", GetAsync)
            .WithSummary("Read a user").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400, 404);
        users.MapPut("/{id}", ReplaceAsync)
            .WithSummary("Replace a user").RequireAuthorization(AuthPolicies.Write).AcceptsJson<UserBody>().ProducesProblems(404, 412).WithIfMatch();
        users.MapDelete("/{id}", DeleteAsync)
            .WithSummary("Delete a user").RequireAuthorization(AuthPolicies.Write).AcceptsJson<ReasonBody>(optional: true).ProducesProblems(404);
        users.MapGet("/{id}/occurrences", GetOccurrencesAsync)
            .WithSummary("List a user's occurrences").RequireAuthorization(AuthPolicies.Read).ProducesProblems(400, 404)
            .WithPaging(EntityHistory.DefaultLimit, EntityHistory.MaxLimit);
        return endpoints;
    }

    private static async Task<Results<Created<UserResponse>, Ok<UserResponse>, ProblemHttpResult>> CreateAsync(
        HttpContext context, IGrainFactory grains, UserRequestReader reader, TimeProvider clock, AuditTrail audit)
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

            var id = request.Id ?? Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
            var result = await grains.GetUserGrain(id).CreateAsync(request.Definition);
            if (result.Outcome == CreateUserOutcome.Created)
            {
                await audit.RecordAsync(context, AuditActions.UserCreate, OccurrenceKeys.UserEntity(id), reason: null);
            }

            var body = UserResponse.From(result.User);
            EntityVersions.SetETag(context, body.Version);
            return result.Outcome switch
            {
                CreateUserOutcome.Created => TypedResults.Created($"/api/v1/users/{id}", body),
                CreateUserOutcome.Replayed => TypedResults.Ok(body),
                _ => Problems.Status(StatusCodes.Status409Conflict, "User already exists",
                    $"A user with id '{id}' already exists with different details. Use PUT to change it."),
            };
        }
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, IGrainFactory grains)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        if (await grains.GetUserGrain(id).GetAsync() is not { } user)
        {
            return Problems.NotFound("User", id);
        }

        EntityVersions.SetETag(context, user.Version);
        return TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ReplaceAsync(
        string id, HttpContext context, IGrainFactory grains, UserRequestReader reader, AuditTrail audit)
    {
        if (EntityIds.Problem(id) is { } invalid)
        {
            return invalid;
        }

        if (!EntityVersions.TryReadIfMatch(context.Request, out var ifMatch))
        {
            return Problems.Validation("If-Match", "If-Match must be the user's version, for example \"3\".");
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

            // A replace with the definition the user already has changes nothing (its version stays), and is not audited.
            var before = (await grains.GetUserGrain(id).GetAsync())?.Version;
            var expected = await EntityVersions.ExpectedAsync(ifMatch, () => Task.FromResult(before));
            var result = await grains.GetUserGrain(id).UpdateAsync(request.Definition, expected ?? request.Version);
            switch (result.Outcome)
            {
                case UpdateUserOutcome.NotFound:
                    return Problems.NotFound("User", id);
                case UpdateUserOutcome.VersionMismatch:
                    EntityVersions.SetETag(context, result.User!.Version);
                    return Problems.Status(StatusCodes.Status412PreconditionFailed, "Version mismatch",
                        $"The user is at version {result.User.Version}; read it again and retry with that version.");
                default:
                    if (result.User!.Version != before)
                    {
                        await audit.RecordAsync(context, AuditActions.UserReplace, OccurrenceKeys.UserEntity(id), reason: null);
                    }

                    EntityVersions.SetETag(context, result.User.Version);
                    return TypedResults.Ok(UserResponse.From(result.User));
            }
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

        if (!await grains.GetUserGrain(id).DeleteAsync())
        {
            return Problems.NotFound("User", id);
        }

        await audit.RecordAsync(context, AuditActions.UserDelete, OccurrenceKeys.UserEntity(id), reason);
        return TypedResults.NoContent();
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
            OccurrenceKeys.UserEntity(id),
            async () => await grains.GetUserGrain(id).GetAsync() is not null,
            () => Problems.NotFound("User", id));
    }
}
