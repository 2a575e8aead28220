using NodaTime;
using NodaTime.Text;

namespace Reminders.Api.Users;

/// <summary>The wire formats of NodaTime values.</summary>
public static class ApiFormats
{
    private static readonly LocalDateTimePattern LocalDateTimePattern =
        NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string LocalDateTime(LocalDateTime value) => LocalDateTimePattern.Format(value);

    public static string Instant(Instant value) => InstantPattern.ExtendedIso.Format(value);
}
