using NodaTime;
using Reminders.Grains.Entities;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;

namespace Reminders.Grains.Schedules;

/// <summary>
/// The schedule grain's durable state. A deleted schedule keeps this small tombstone (no definition, its version
/// and cursor) and its rows in the ledger table, so re-creating the same id can never deliver a key again.
/// </summary>
[GenerateSerializer, Alias("Reminders.Schedules.ScheduleState")]
public sealed class ScheduleState : IEntityState<ScheduleDefinition>
{
    [Id(0)] public ScheduleDefinition? Definition { get; set; }

    [Id(1)] public int Version { get; set; }

    /// <summary>The ledger as releases before the ledger table kept it (id 2 was its place then).</summary>
    [Id(2)] public LegacyLedger? Legacy { get; set; }

    /// <summary>While true, what falls due is recorded as skipped (reason <c>paused</c>) instead of sent.</summary>
    [Id(3)] public bool Paused { get; set; }

    [Id(4)] public Instant Cursor { get; set; }

    /// <summary>Added after the first release: rows written before it read as null, meaning "no trace to link".</summary>
    [Id(5)] public string? ChangeTrace { get; set; }

    /// <summary>Added with zone database reloading: rows written before it read as null and re-arm once.</summary>
    [Id(6)] public string? ComputedWith { get; set; }
}
