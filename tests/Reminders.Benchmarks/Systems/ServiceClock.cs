using System.Globalization;

namespace Reminders.Benchmarks.Systems;

/// <summary>Time travel for our silos' next start: the service clock starts at <see cref="StartAt"/> and runs <see cref="Speed"/> times as fast.</summary>
/// <param name="StartAt">The service instant at process start; null starts at the real now.</param>
/// <param name="Speed">Service seconds per real second, up to 3600.</param>
public sealed record ServiceClock(DateTimeOffset? StartAt, double Speed)
{
    /// <summary>The environment variables the README's "Time travel" section names.</summary>
    public IEnumerable<(string Key, string Value)> Environment()
    {
        if (StartAt is { } start)
        {
            yield return ("Reminders__Clock__StartAt", start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }

        yield return ("Reminders__Clock__Speed", Speed.ToString(CultureInfo.InvariantCulture));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"x{Speed} from {(StartAt is { } s ? s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "the real now")}");
}
