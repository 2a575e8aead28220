namespace Reminders.Grains.Clock;

/// <summary>
/// The zone database the service computes local times with. Bound from <c>Reminders:Time</c>
/// (environment: <c>Reminders__Time__TzdbPath</c>).
/// </summary>
public sealed class TimeZoneOptions
{
    public const string SectionName = "Reminders:Time";

    /// <summary>
    /// A NodaTime <c>.nzd</c> file to use instead of the database built into NodaTime, so that a zone rule change
    /// published after this release can be picked up without a new build.
    /// </summary>
    /// <value>The default is none: NodaTime's built-in database.</value>
    public string? TzdbPath { get; set; }
}
