using NodaTime;
using Reminders.Grains.Entities;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Ledger;

namespace Reminders.Grains.Users;

/// <summary>
/// The user grain's durable state. A deleted user keeps this small tombstone (no definition, its version and
/// cursor) and its rows in the ledger table, so re-creating the same id can never deliver a key again.
/// </summary>
[GenerateSerializer, Alias("Reminders.Users.UserState")]
public sealed class UserState : IEntityState<UserDefinition>
{
    /// <summary>The current definition, or null when the user does not exist (never created, or deleted).</summary>
    [Id(0)] public UserDefinition? Definition { get; set; }

    /// <summary>Increases with every create, update and delete; the API's version and ETag.</summary>
    [Id(1)] public int Version { get; set; }

    /// <summary>The ledger as releases before the ledger table kept it (id 2 was its place then).</summary>
    [Id(2)] public LegacyLedger? Legacy { get; set; }

    [Id(3)] public Instant Cursor { get; set; }

    /// <summary>Added after the first release: rows written before it read as null, meaning "no trace to link".</summary>
    [Id(4)] public string? ChangeTrace { get; set; }

    /// <summary>Added with zone database reloading: rows written before it read as null and re-arm once.</summary>
    [Id(5)] public string? ComputedWith { get; set; }
}
