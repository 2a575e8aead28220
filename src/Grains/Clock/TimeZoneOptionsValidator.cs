using Microsoft.Extensions.Options;

namespace Reminders.Grains.Clock;

/// <summary>Stops the host at startup when <c>Reminders:Time:TzdbPath</c> names no readable zone database.</summary>
public sealed class TimeZoneOptionsValidator : IValidateOptions<TimeZoneOptions>
{
    public ValidateOptionsResult Validate(string? name, TimeZoneOptions options) =>
        TimeZoneDatabase.Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
