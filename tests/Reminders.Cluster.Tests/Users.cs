using NodaTime;
using NodaTime.Text;
using Reminders.Grains.Interfaces.Users;

namespace Reminders.Cluster.Tests;

/// <summary>Test users: Ada Lovelace, wherever and whenever a test needs her.</summary>
public static class Users
{
    public const string BirthdayMessage = "Hey, Ada Lovelace it's your birthday";

    public static UserDefinition Definition(string zone, string birthday, string? anniversary = null) =>
        new("Ada", "Lovelace", "ada@example.com", Date(birthday), anniversary is null ? null : Date(anniversary), zone);

    public static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static Instant Instant(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;
}
