using System.Security.Claims;

namespace Reminders.Api.Security;

/// <summary>
/// The scopes a key may hold. They nest, as callers expect: <c>admin</c> includes <c>write</c>, which includes
/// <c>read</c>; a principal carries one <see cref="ClaimType"/> claim per scope it effectively has.
/// </summary>
public static class ApiScopes
{
    public const string ClaimType = "scope";
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Read, Write, Admin];

    /// <summary>Parses a comma-separated list; false (with the unknown name) for a scope that does not exist.</summary>
    public static bool TryParse(string? text, out IReadOnlySet<string> scopes, out string? unknown)
    {
        var parsed = new HashSet<string>(StringComparer.Ordinal);
        unknown = null;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var scope = part.ToLowerInvariant();
            if (!All.Contains(scope))
            {
                unknown = part;
                scopes = parsed;
                return false;
            }

            parsed.Add(scope);
        }

        scopes = parsed;
        return true;
    }

    /// <summary>The scopes that <paramref name="granted"/> implies: each granted scope and every one below it.</summary>
    public static IReadOnlySet<string> Effective(IEnumerable<string> granted)
    {
        var effective = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in granted)
        {
            effective.UnionWith(scope switch
            {
                Admin => All,
                Write => [Read, Write],
                _ => [scope],
            });
        }

        return effective;
    }

    public static bool Has(ClaimsPrincipal user, string scope) => user.HasClaim(ClaimType, scope);
}
