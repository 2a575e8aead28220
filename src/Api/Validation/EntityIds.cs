using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reminders.Api.Validation;

/// <summary>The one rule for client-chosen entity ids (users and schedules), shared by bodies and routes.</summary>
public static partial class EntityIds
{
    public const string Rule = "id must be 1-64 characters of letters, digits, '.', '_' or '-', and not only dots.";

    public static bool IsValid(string id) => Pattern().IsMatch(id);

    /// <summary>A 400 naming <c>id</c> when a route's id breaks the rule, otherwise null.</summary>
    public static ProblemHttpResult? Problem(string id) => IsValid(id) ? null : Problems.Validation("id", Rule);

    // Only dots ('.', '..') would be a path segment that URLs normalise away: created, then unreachable.
    [GeneratedRegex(@"^(?!\.+$)[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
