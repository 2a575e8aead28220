using System.Globalization;
using Microsoft.Extensions.Options;

namespace Reminders.Api.Security;

/// <summary>
/// Refuses to start with a key that cannot work (no name, a duplicate name, neither or both of <c>Sha256</c> and
/// <c>Key</c>, a hash that is not 64 hex characters, an unknown or missing scope), and refuses to run without
/// keys unless that was asked for (<c>Disabled</c>) or the environment is Development.
/// </summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public const string NoKeysMessage =
        "No API key is configured. Configure at least one with Reminders__Auth__Keys__0__Name, Reminders__Auth__Keys__0__Sha256 " +
        "(or __Key) and Reminders__Auth__Keys__0__Scopes, or run open on purpose with Reminders__Auth__Disabled=true.";

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Reminders__Auth__Keys__{i}");
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                failures.Add($"{at}__Name is required.");
            }
            else if (!names.Add(key.Name))
            {
                failures.Add($"{at}__Name '{key.Name}' is used by another key; names must be unique.");
            }

            var hasHash = !string.IsNullOrEmpty(key.Sha256);
            var hasKey = !string.IsNullOrEmpty(key.Key);
            if (hasHash == hasKey)
            {
                failures.Add($"{at} must set exactly one of __Sha256 (the hex SHA-256 of the key) and __Key (the key itself).");
            }
            else if (hasHash && !IsSha256Hex(key.Sha256!))
            {
                failures.Add($"{at}__Sha256 must be 64 hex characters, as printed by: printf %s \"$KEY\" | sha256sum");
            }

            if (!ApiScopes.TryParse(key.Scopes, out var scopes, out var unknown))
            {
                failures.Add($"{at}__Scopes has the unknown scope '{unknown}'; use {string.Join(", ", ApiScopes.All)}.");
            }
            else if (scopes.Count == 0)
            {
                failures.Add($"{at}__Scopes is required: a comma-separated list of {string.Join(", ", ApiScopes.All)}.");
            }
        }

        if (options.RequestsPerSecond < 0)
        {
            failures.Add("Reminders__Auth__RequestsPerSecond must be 0 (no limit) or more.");
        }

        if (options.Keys.Count == 0 && !options.Disabled && !environment.IsDevelopment())
        {
            failures.Add(NoKeysMessage);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSha256Hex(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
