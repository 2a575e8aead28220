using NodaTime;
using Reminders.Grains.Ledger;

namespace Reminders.Grains.Entities;

/// <summary>
/// The durable state every scheduled entity has: its definition (null when it does not exist), version and
/// ledger cursor. Written on create, edit, pause, resume and delete, never per delivery: the ledger is a table.
/// </summary>
public interface IEntityState<TDefinition>
    where TDefinition : class
{
    TDefinition? Definition { get; set; }

    /// <summary>Increases with every change; the API's version and ETag.</summary>
    int Version { get; set; }

    /// <summary>
    /// Occurrences due before this instant were recorded or deliberately passed over (at creation or an edit).
    /// Deliveries move it only in memory; the series' high-water marks in the table carry it between activations.
    /// </summary>
    Instant Cursor { get; set; }

    /// <summary>A ledger kept in state by an earlier release, moved into the table on the first activation; null after.</summary>
    LegacyLedger? Legacy { get; set; }

    /// <summary>
    /// The W3C traceparent of the request that created or last changed the entity (null when it was not traced),
    /// so each delivery attempt's span can link back to it.
    /// </summary>
    string? ChangeTrace { get; set; }

    /// <summary>
    /// What the armed trigger was computed with (zone database version and the kind settings the entity uses; see
    /// <see cref="TriggerFingerprint"/>). An activation that computes a different one re-arms the reminder. Null in
    /// rows written before it existed, which re-arm once.
    /// </summary>
    string? ComputedWith { get; set; }
}
