using Microsoft.Extensions.Options;

namespace Reminders.Grains.Delivery;

/// <summary>Refuses to start with an <see cref="DeliveryOptions.AllowedTargetHosts"/> entry that could never match as meant.</summary>
public sealed class TargetHostsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.AllowedTargetHosts
            .Select((entry, i) => TargetHostPatterns.Problem(entry) is { } problem
                ? $"{DeliveryOptions.SectionName}:AllowedTargetHosts:{i} '{entry}' {problem}."
                : null)
            .OfType<string>()
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
