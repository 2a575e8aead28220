using Reminders.Grains.Entities;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Ledger;

namespace Reminders.Grains.Users;

/// <summary>
/// The user grain's durable state. A deleted user keeps its ledger (with no definition) so that
/// re-creating the same id can never deliver a key that was already delivered.
/// </summary>
[GenerateSerializer, Alias("Reminders.Users.UserState")]
public sealed class UserState : IEntityState<UserDefinition>
{
    /// <summary>The current definition, or null when the user does not exist (never created, or deleted).</summary>
    [Id(0)] public UserDefinition? Definition { get; set; }

    /// <summary>Increases with every create, update and delete; the API's version and ETag.</summary>
    [Id(1)] public int Version { get; set; }

    [Id(2)] public OccurrenceLedger Ledger { get; set; } = new();
}
