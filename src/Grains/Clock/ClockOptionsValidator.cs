using System.Globalization;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Reminders.Grains.Clock;

/// <summary>Refuses a start instant that is not an unambiguous instant, a speed outside (0, 3600], and an offset beyond a day or alongside a start instant.</summary>
public sealed class ClockOptionsValidator : IValidateOptions<ClockOptions>
{
    // Far enough from the ends of DateTimeOffset that a long run at full speed cannot overflow the clock.
    private static readonly Instant EarliestStart = Instant.FromUtc(1970, 1, 1, 0, 0);
    private static readonly Instant LatestStart = Instant.FromUtc(9000, 1, 1, 0, 0);

    // A skew test needs seconds or minutes; more would be time travel, which StartAt says plainly.
    private static readonly TimeSpan MaxOffset = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, ClockOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.StartAt))
        {
            if (!ClockOptions.TryParseInstant(options.StartAt, out var startAt))
            {
                failures.Add($"{ClockOptions.SectionName}:StartAt must be an ISO-8601 instant with Z or an offset, " +
                    $"such as 2027-03-14T06:59:00Z or 2027-03-14T07:59:00+01:00; got '{options.StartAt}'.");
            }
            else if (startAt < EarliestStart || startAt >= LatestStart)
            {
                failures.Add($"{ClockOptions.SectionName}:StartAt must lie between 1970 and 9000; got '{options.StartAt}'.");
            }
        }

        if (options.Offset.Duration() > MaxOffset)
        {
            failures.Add($"{ClockOptions.SectionName}:Offset must be at most a day either way; got '{options.Offset}'.");
        }
        else if (options.Offset != TimeSpan.Zero && !string.IsNullOrWhiteSpace(options.StartAt))
        {
            failures.Add($"{ClockOptions.SectionName}:Offset shifts the real clock; it cannot be combined with StartAt, which says where the clock starts.");
        }

        if (!(options.Speed > 0 && options.Speed <= ClockOptions.MaxSpeed))
        {
            failures.Add($"{ClockOptions.SectionName}:Speed must be above 0 and at most {ClockOptions.MaxSpeed} " +
                $"(service seconds per real second); got {options.Speed.ToString(CultureInfo.InvariantCulture)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
