using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Interfaces.Users;

/// <summary>A user as the API shows it, with the next occurrence of each event kind.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Users.UserView")]
public sealed record UserView(
    [property: Id(0)] string Id,
    [property: Id(1)] UserDefinition Definition,
    [property: Id(2)] int Version,
    [property: Id(3)] IReadOnlyList<UpcomingOccurrence> Upcoming);
