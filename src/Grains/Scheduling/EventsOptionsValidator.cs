using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Reminders.Grains.Delivery;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Scheduling;

/// <summary>Validates every configured event kind at startup: names, values, channels, targets, and the placeholders users' templates use.</summary>
public sealed partial class EventsOptionsValidator(IEnumerable<IDeliveryChannel> channels) : IValidateOptions<EventsOptions>
{
    /// <summary>The values a user-based template may use.</summary>
    public static readonly IReadOnlySet<string> UserPlaceholders = new HashSet<string> { "firstName", "lastName", "email" };

    private static readonly Dictionary<string, string> EmptyValues = [];

    private readonly HashSet<string> _channels = [.. channels.Select(c => c.Name)];

    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        var failures = new List<string>();
        foreach (var (kind, kindOptions) in options.Kinds)
        {
            var prefix = $"{EventsOptions.SectionName}:{kind}";
            if (!KindName().IsMatch(kind))
            {
                failures.Add($"{prefix}: a kind name is a letter followed by up to 63 letters, digits, '-' or '_'.");
            }

            var results = new List<ValidationResult>();
            Validator.TryValidateObject(kindOptions, new ValidationContext(kindOptions), results, validateAllProperties: true);
            failures.AddRange(results.Select(r => $"{prefix}: {r.ErrorMessage}"));

            if (!_channels.Contains(kindOptions.Channel))
            {
                failures.Add($"{prefix}:Channel \"{kindOptions.Channel}\" is not a registered channel ({string.Join(", ", _channels)}).");
            }

            if (kindOptions.WebhookUrl is { } url && WebhookTargets.Problem(url) is { } problem)
            {
                failures.Add($"{prefix}:WebhookUrl {problem}");
            }

            if (kindOptions.Spread is { } spread && (spread <= TimeSpan.Zero || spread > SpreadOffsets.Max.ToTimeSpan()))
            {
                failures.Add($"{prefix}:Spread must be more than zero and at most 24 hours (00:00:00 < Spread <= 1.00:00:00).");
            }

            // Its text alone, placeholders empty: a template over the limit could never be sent.
            if (MessageTemplate.RenderedBytes(kindOptions.Template, EmptyValues) > MessageTemplate.MaxRenderedBytes)
            {
                failures.Add($"{prefix}:Template is over {MessageTemplate.MaxRenderedBytes} bytes of UTF-8 even before its placeholders are filled in.");
            }

            if (kind is EventKinds.Birthday or EventKinds.Anniversary)
            {
                if (kindOptions.Template.Length == 0)
                {
                    failures.Add($"{prefix}:Template is required: users' events have no message of their own.");
                }

                failures.AddRange(MessageTemplate.Placeholders(kindOptions.Template)
                    .Where(p => !UserPlaceholders.Contains(p))
                    .Select(p => $"{prefix}:Template uses {{{p}}}; known placeholders are {{firstName}}, {{lastName}} and {{email}}."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex KindName();
}
