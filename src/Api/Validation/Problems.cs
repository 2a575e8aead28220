using Microsoft.AspNetCore.Http.HttpResults;

namespace Reminders.Api.Validation;

/// <summary>RFC 9457 problem responses used across endpoints.</summary>
public static class Problems
{
    /// <summary>A 400 whose <c>errors</c> member names each rejected field.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = "See 'errors' for each field that was rejected.",
        });

    public static ProblemHttpResult Validation(string field, string error) =>
        Validation(new Dictionary<string, string[]> { [field] = [error] });

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static ProblemHttpResult NotFound(string what, string id) =>
        Status(StatusCodes.Status404NotFound, $"{what} not found", $"There is no {what.ToLowerInvariant()} with id '{id}'.");
}
