using NodaTime;
using NodaTime.TimeZones;
using NodaTime.Utility;

namespace Reminders.Grains.Clock;

/// <summary>Loads the zone database that <see cref="TimeZoneOptions"/> names: NodaTime's built-in one, or an <c>.nzd</c> file.</summary>
public static class TimeZoneDatabase
{
    /// <summary>What health reports as the source when no file is configured.</summary>
    public const string BuiltIn = "built-in";

    /// <summary>The provider for <paramref name="options"/>; the file must have passed <see cref="Problem"/>.</summary>
    public static IDateTimeZoneProvider Load(TimeZoneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.TzdbPath))
        {
            return DateTimeZoneProviders.Tzdb;
        }

        using var stream = File.OpenRead(options.TzdbPath);
        var source = TzdbDateTimeZoneSource.FromStream(stream);

        // Checks that every id the source lists resolves, so a damaged file fails here and not at a grain's first use.
        source.Validate();
        return new DateTimeZoneCache(source);
    }

    /// <summary>Why the configured file cannot be used, or null when it can (or none is configured).</summary>
    public static string? Problem(TimeZoneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TzdbPath is null)
        {
            return null;
        }

        var key = $"{TimeZoneOptions.SectionName}:TzdbPath";
        if (string.IsNullOrWhiteSpace(options.TzdbPath))
        {
            return $"{key} is set but empty; leave it unset to use the built-in zone database.";
        }

        if (!File.Exists(options.TzdbPath))
        {
            return $"{key} '{options.TzdbPath}' does not exist; it must name a NodaTime .nzd zone database file.";
        }

        try
        {
            Load(options);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidNodaDataException or InvalidOperationException or ArgumentException)
        {
            return $"{key} '{options.TzdbPath}' is not a readable NodaTime .nzd zone database: {ex.Message}";
        }
    }

    /// <summary>Where the database came from, for health: the file's path or <see cref="BuiltIn"/>.</summary>
    public static string SourceOf(TimeZoneOptions options) =>
        string.IsNullOrWhiteSpace(options?.TzdbPath) ? BuiltIn : options.TzdbPath;
}
