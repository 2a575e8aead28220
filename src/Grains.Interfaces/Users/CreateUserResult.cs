namespace Reminders.Grains.Interfaces.Users;

/// <summary>What a create did, and the user as it now stands.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Users.CreateUserResult")]
public sealed record CreateUserResult(
    [property: Id(0)] CreateUserOutcome Outcome,
    [property: Id(1)] UserView User);

/// <summary>How a create ended.</summary>
[GenerateSerializer, Alias("Reminders.Users.CreateUserOutcome")]
public enum CreateUserOutcome
{
    /// <summary>A new user was created.</summary>
    Created,

    /// <summary>The same user already existed with an identical definition; nothing changed.</summary>
    Replayed,

    /// <summary>A different user already exists under this id; nothing changed.</summary>
    Conflict,
}
