using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Reminders.Grains.Scheduling;

/// <summary>Validates every configured event kind at startup, including the placeholders its template uses.</summary>
public sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    /// <summary>The values a user-based template may use.</summary>
    public static readonly IReadOnlySet<string> UserPlaceholders = new HashSet<string> { "firstName", "lastName", "email" };

    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        var failures = new List<string>();
        Check("Birthday", options.Birthday);
        Check("Anniversary", options.Anniversary);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string kind, EventKindOptions kindOptions)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(kindOptions, new ValidationContext(kindOptions), results, validateAllProperties: true);
            failures.AddRange(results.Select(r => $"{EventsOptions.SectionName}:{kind}: {r.ErrorMessage}"));
            failures.AddRange(MessageTemplate.Placeholders(kindOptions.Template)
                .Where(p => !UserPlaceholders.Contains(p))
                .Select(p => $"{EventsOptions.SectionName}:{kind}:Template uses {{{p}}}; known placeholders are {{firstName}}, {{lastName}} and {{email}}."));
        }
    }
}
