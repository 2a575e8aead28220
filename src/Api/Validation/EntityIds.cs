using System.Text.RegularExpressions;

namespace Reminders.Api.Validation;

/// <summary>The one rule for client-chosen entity ids (users and schedules), shared by bodies and routes.</summary>
public static partial class EntityIds
{
    public const string Rule = "id must be 1-64 characters of letters, digits, '.', '_' or '-'.";

    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
