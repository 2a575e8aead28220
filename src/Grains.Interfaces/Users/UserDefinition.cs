using NodaTime;

namespace Reminders.Grains.Interfaces.Users;

/// <summary>What a client says about a user: everything except the id and the server-kept version.</summary>
/// <param name="TimeZone">A canonical IANA zone id from NodaTime's TZDB.</param>
[GenerateSerializer, Immutable, Alias("Reminders.Users.UserDefinition")]
public sealed record UserDefinition(
    [property: Id(0)] string FirstName,
    [property: Id(1)] string LastName,
    [property: Id(2)] string Email,
    [property: Id(3)] LocalDate Birthday,
    [property: Id(4)] LocalDate? Anniversary,
    [property: Id(5)] string TimeZone);
