using Reminders.Grains.Entities;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;

namespace Reminders.Grains.Schedules;

/// <summary>
/// The schedule grain's durable state. A deleted schedule keeps its ledger (with no definition) so that
/// re-creating the same id can never deliver a key that was already delivered.
/// </summary>
[GenerateSerializer, Alias("Reminders.Schedules.ScheduleState")]
public sealed class ScheduleState : IEntityState<ScheduleDefinition>
{
    [Id(0)] public ScheduleDefinition? Definition { get; set; }

    [Id(1)] public int Version { get; set; }

    [Id(2)] public OccurrenceLedger Ledger { get; set; } = new();

    /// <summary>While true, what falls due is recorded as skipped (reason <c>paused</c>) instead of sent.</summary>
    [Id(3)] public bool Paused { get; set; }
}
