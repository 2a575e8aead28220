using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// Where an alarm lies relative to its occurrence: an RFC 5545 duration (<c>-P1D</c>, <c>-P1W</c>, <c>-PT1H</c>) that is
/// either whole days (weeks read as 7 days), applied as calendar arithmetic to the occurrence's local date-time in its
/// zone, or hours, minutes and seconds, applied as exact elapsed time to its instant. A mix such as <c>-P1DT1H</c> is
/// refused: its meaning across a DST change would be a guess. <see cref="Text"/> is the normalised form used in keys:
/// weeks as days, time as hours, minutes and seconds (<c>PT90M</c> is <c>PT1H30M</c>), no '+'.
/// </summary>
public sealed partial class AlarmOffset
{
    /// <summary>The farthest an alarm may be from its occurrence.</summary>
    public const int MaxDays = 366;

    private static readonly Duration MaxElapsed = Duration.FromDays(MaxDays);

    // An instant's local day is at most a day or so off a calendar day's length: room for any zone's offset change.
    private static readonly Duration OffsetChangeMargin = Duration.FromDays(2);

    private AlarmOffset(string text, int days, Duration elapsed)
    {
        Text = text;
        Days = days;
        Elapsed = elapsed;
    }

    /// <summary>The normalised text, such as <c>-P1D</c> or <c>-PT1H30M</c>.</summary>
    public string Text { get; }

    /// <summary>Calendar days to add to the occurrence's local date-time (negative: before); 0 for an elapsed offset.</summary>
    public int Days { get; }

    /// <summary>Exact time to add to the occurrence's instant (negative: before); zero for a calendar offset.</summary>
    public Duration Elapsed { get; }

    public bool IsCalendar => Days != 0;

    /// <summary>How far before an instant an occurrence can lie whose alarm is at or after that instant.</summary>
    public Duration LookBehind =>
        Days > 0 ? Duration.FromDays(Days) + OffsetChangeMargin
        : Elapsed > Duration.Zero ? Elapsed
        : Duration.Zero;

    /// <summary>Parses <paramref name="text"/>; on failure, <paramref name="error"/> says why in words for a client.</summary>
    public static bool TryParse(string text, out AlarmOffset? offset, out string error)
    {
        offset = null;
        var match = Grammar().Match(text);
        if (!match.Success)
        {
            error = "must be an ISO 8601 / RFC 5545 duration of whole weeks or days (such as -P1D or -P1W) or of hours, minutes and seconds (such as -PT1H or -PT15M), '-' for before the occurrence; years, months, fractions and a mix of days and time are not accepted.";
            return false;
        }

        var negative = match.Groups["sign"].Value == "-";
        // Read from the groups, not through Period.Normalize, which would turn PT25H into a day and an hour.
        var wholeDays = (Number(match, "weeks") * 7) + Number(match, "days");
        if (wholeDays != 0)
        {
            if (wholeDays > MaxDays)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"must be at most {MaxDays} days (P{MaxDays}D) from the occurrence.");
                return false;
            }

            var days = (int)wholeDays;
            offset = new AlarmOffset(string.Create(CultureInfo.InvariantCulture, $"{(negative ? "-" : "")}P{days}D"), negative ? -days : days, Duration.Zero);
            error = "";
            return true;
        }

        var elapsed = Duration.FromHours(Number(match, "hours")) + Duration.FromMinutes(Number(match, "minutes")) + Duration.FromSeconds(Number(match, "seconds"));
        if (elapsed == Duration.Zero)
        {
            error = "must not be zero: the occurrence itself is delivered at that time.";
            return false;
        }

        if (elapsed > MaxElapsed)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"must be at most {MaxDays} days (PT{MaxDays * 24}H) from the occurrence.");
            return false;
        }

        offset = new AlarmOffset((negative ? "-" : "") + TimeText(elapsed), 0, negative ? -elapsed : elapsed);
        error = "";
        return true;
    }

    /// <summary>Parses a normalised offset kept in a stored definition; throws if it is not one.</summary>
    public static AlarmOffset Parse(string text) =>
        TryParse(text, out var offset, out var error) ? offset! : throw new FormatException($"'{text}' {error}");

    public override string ToString() => Text;

    private static long Number(Match match, string group) =>
        match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    private static string TimeText(Duration elapsed)
    {
        var seconds = (long)elapsed.TotalSeconds;
        var text = "PT";
        text += seconds >= 3_600 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3_600}H") : "";
        text += seconds / 60 % 60 != 0 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60 % 60}M") : "";
        text += seconds % 60 != 0 ? string.Create(CultureInfo.InvariantCulture, $"{seconds % 60}S") : "";
        return text;
    }

    // RFC 5545 dur-value without the days-and-time mix; bounded digit counts keep every number small. \z, not $,
    // which would also match before a trailing line break.
    [GeneratedRegex(@"^(?<sign>[+-]?)(?<body>P(?:(?<weeks>\d{1,6})W|(?<days>\d{1,6})D|T(?=\d)(?:(?<hours>\d{1,6})H)?(?:(?<minutes>\d{1,8})M)?(?:(?<seconds>\d{1,9})S)?))\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
