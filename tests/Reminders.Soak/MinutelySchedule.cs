using System.Globalization;

namespace Reminders.Soak;

/// <summary>
/// <c>FREQ=HOURLY;BYMINUTE=...;BYSECOND=s</c> from a local start: every local time at or after the start whose minute
/// is listed and whose second is <paramref name="Second"/>. Keys are <c>schedule:&lt;id&gt;:yyyyMMddTHHmmss</c>, local.
/// </summary>
public sealed record MinutelySchedule(string Zone, DateTime Start, IReadOnlyList<int> Minutes, int Second, string Message) : Shape
{
    public string Rule => $"FREQ=HOURLY;BYMINUTE={string.Join(',', Minutes)};BYSECOND={Second}";

    public override IEnumerable<Expected> Between(string id, DateTimeOffset from, DateTimeOffset until)
    {
        var first = Local(Zone, from);
        var last = Local(Zone, until);
        for (var hour = new DateTime(first.Year, first.Month, first.Day, first.Hour, 0, 0).AddHours(-1); hour <= last; hour = hour.AddHours(1))
        {
            foreach (var minute in Minutes)
            {
                var local = hour.AddMinutes(minute).AddSeconds(Second);
                if (local >= Start && Instant(Zone, local) is { } due && due >= from && due <= until)
                {
                    yield return new Expected($"schedule:{id}:{local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}", due);
                }
            }
        }
    }

    public object Body(string id) => new
    {
        id,
        kind = "custom",
        timezone = Zone,
        start = Start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        rrule = Rule,
        message = Message,
    };
}
