using System.Globalization;

namespace Reminders.Soak;

/// <summary>A user's birthday, delivered at the birthday kind's local time (<paramref name="At"/>) in the user's zone; key <c>user:&lt;id&gt;:birthday:&lt;year&gt;</c>.</summary>
public sealed record Birthday(string Zone, int Month, int Day, TimeOnly At, string LastName) : Shape
{
    public override IEnumerable<Expected> Between(string id, DateTimeOffset from, DateTimeOffset until)
    {
        for (var year = Local(Zone, from).Year; year <= Local(Zone, until).Year; year++)
        {
            if (Instant(Zone, new DateTime(new DateOnly(year, Month, Day), At)) is { } due && due >= from && due <= until)
            {
                yield return new Expected($"user:{id}:birthday:{year.ToString(CultureInfo.InvariantCulture)}", due);
            }
        }
    }

    public object Body(string id) => new
    {
        id,
        firstName = "Soak",
        lastName = LastName,
        email = $"{id}@example.com",
        birthday = string.Create(CultureInfo.InvariantCulture, $"1990-{Month:00}-{Day:00}"),
        timezone = Zone,
    };
}
