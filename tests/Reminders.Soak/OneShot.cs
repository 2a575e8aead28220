using System.Globalization;

namespace Reminders.Soak;

/// <summary>A schedule without a rule: one occurrence at <paramref name="At"/>, local.</summary>
public sealed record OneShot(string Zone, DateTime At, string Message) : Shape
{
    public override IEnumerable<Expected> Between(string id, DateTimeOffset from, DateTimeOffset until)
    {
        if (Instant(Zone, At) is { } due && due >= from && due <= until)
        {
            yield return new Expected($"schedule:{id}:{At.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}", due);
        }
    }

    public object Body(string id) => new
    {
        id,
        kind = "custom",
        timezone = Zone,
        start = At.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        message = Message,
    };
}
