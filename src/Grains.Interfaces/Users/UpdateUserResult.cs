namespace Reminders.Grains.Interfaces.Users;

/// <summary>What an update did, and the user as it now stands (null when there is none).</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Users.UpdateUserResult")]
public sealed record UpdateUserResult(
    [property: Id(0)] UpdateUserOutcome Outcome,
    [property: Id(1)] UserView? User);

/// <summary>How an update ended.</summary>
[GenerateSerializer, Alias("Reminders.Users.UpdateUserOutcome")]
public enum UpdateUserOutcome
{
    /// <summary>The user was changed (or already had exactly this definition).</summary>
    Updated,

    /// <summary>There is no such user.</summary>
    NotFound,

    /// <summary>The expected version did not match; nothing changed.</summary>
    VersionMismatch,
}
