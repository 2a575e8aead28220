using Reminders.Grains.Ledger;

namespace Reminders.Grains.Entities;

/// <summary>The durable state every scheduled entity has: its definition (null when it does not exist), version and ledger.</summary>
public interface IEntityState<TDefinition>
    where TDefinition : class
{
    TDefinition? Definition { get; set; }

    /// <summary>Increases with every change; the API's version and ETag.</summary>
    int Version { get; set; }

    OccurrenceLedger Ledger { get; }
}
