using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Reminders.Grains.Clock;

/// <summary>
/// Time travel, for demos and acceptance runs: the instant the service clock starts at and how fast it runs.
/// Bound from <c>Reminders:Clock</c>. Off by default; on when <see cref="StartAt"/> is set or
/// <see cref="Speed"/> is not 1.
/// </summary>
public sealed class ClockOptions
{
    public const string SectionName = "Reminders:Clock";

    public const double MaxSpeed = 3600;

    /// <summary>The instant the service clock shows when the process starts: ISO-8601 with <c>Z</c> or an offset, such as <c>2027-03-14T06:59:00Z</c>.</summary>
    /// <value>The default is none: the clock starts at the real now.</value>
    public string? StartAt { get; set; }

    /// <summary>Service seconds per real second, above 0 and at most 3600.</summary>
    /// <value>The default is 1.</value>
    public double Speed { get; set; } = 1;

    /// <summary>
    /// For tests of clock skew: the service clock runs this far ahead of the real one (behind when negative), as a
    /// machine's clock does that NTP no longer corrects, such as <c>00:00:30</c> or <c>-00:00:30</c>. Not with
    /// <see cref="StartAt"/>, which already says where the clock starts.
    /// </summary>
    /// <value>The default is zero.</value>
    public TimeSpan Offset { get; set; }

    /// <summary>Whether the service clock differs from the real one.</summary>
    public bool TimeTravels => !string.IsNullOrWhiteSpace(StartAt) || Speed != 1 || Offset != TimeSpan.Zero;

    /// <summary>Reads and validates the section now: whether time travels decides which services are registered.</summary>
    public static ClockOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<ClockOptions>() ?? new ClockOptions();
        var result = new ClockOptionsValidator().Validate(null, options);
        return result.Failed
            ? throw new OptionsValidationException(SectionName, typeof(ClockOptions), result.Failures)
            : options;
    }

    /// <summary>Reads an ISO-8601 instant with <c>Z</c> or an offset; a local time without one is ambiguous and refused.</summary>
    public static bool TryParseInstant(string text, out Instant instant)
    {
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text.Trim());
        instant = result.Success ? result.Value.ToInstant() : default;
        return result.Success;
    }

    /// <summary>The service clock these options describe, on top of <paramref name="real"/>.</summary>
    public TravellingTimeProvider CreateClock(TimeProvider real)
    {
        ArgumentNullException.ThrowIfNull(real);
        var startAt = string.IsNullOrWhiteSpace(StartAt)
            ? real.GetUtcNow() + Offset
            : TryParseInstant(StartAt, out var instant)
                ? instant.ToDateTimeOffset()
                : throw new InvalidOperationException($"{SectionName}:StartAt '{StartAt}' is not an instant; validate the options first.");
        return new TravellingTimeProvider(startAt, Speed, real);
    }
}
