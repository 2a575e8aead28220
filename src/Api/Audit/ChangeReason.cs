using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Api.Validation;

namespace Reminders.Api.Audit;

/// <summary>
/// The optional body of pause, resume, delete, retry and discard: <c>{"reason": "..."}</c>, kept in the audit log.
/// No body means no reason; anything else that is not such an object is a 400, and the change is not made.
/// </summary>
public static class ChangeReason
{
    public const int MaxLength = 500;

    public static readonly string Rule = $"reason must be 1 to {MaxLength} characters of text, without control characters.";

    /// <summary>True for a reason the audit log keeps: 1 to <see cref="MaxLength"/> characters, not all blank, no control characters.</summary>
    public static bool IsValid(string reason) => reason.Trim().Length > 0 && reason.Length <= MaxLength && !reason.Any(char.IsControl);

    public static async Task<(string? Reason, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HasBody(request))
        {
            return (null, null);
        }

        var (document, problem) = await JsonBodyReader.ReadObjectAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        using (document)
        {
            return Read(document!.RootElement);
        }
    }

    private static (string? Reason, ProblemHttpResult? Problem) Read(JsonElement body)
    {
        // A misspelt member would otherwise lose the reason without a word.
        foreach (var member in body.EnumerateObject())
        {
            if (member.Name != "reason")
            {
                return (null, Problems.Validation(member.Name, $"Unknown field '{member.Name}'; the body may only carry 'reason'."));
            }
        }

        var errors = new Dictionary<string, string[]>();
        if (!JsonFields.TryGetString(body, "reason", required: false, (field, error) => errors[field] = [error], out var reason))
        {
            return (null, Problems.Validation(errors));
        }

        if (reason is null)
        {
            return (null, null);
        }

        if (!IsValid(reason))
        {
            return (null, Problems.Validation("reason", Rule));
        }

        return (reason, null);
    }

    private static bool HasBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false
        && request.ContentLength != 0
        && (request.ContentLength is not null || request.ContentType is not null || request.Headers.TransferEncoding.Count > 0);
}
