using NodaTime;
using Reminders.Api.Health;

namespace Reminders.Api.Admin.Overview;

/// <summary>A count read with a cap: <c>1000+</c> rather than an unbounded scan on every refresh.</summary>
public readonly record struct CappedCount(int Value, bool AtCap)
{
    public override string ToString() => AtCap ? $"{Value}+" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The occurrences of one window by how they ended.</summary>
public sealed record OutcomeCounts(string Window, CappedCount Delivered, CappedCount DeadLettered, CappedCount Skipped, CappedCount Uncertain);

/// <summary>One silo of the cluster as the management grain reports it.</summary>
public sealed record SiloRow(string Address, string Name, string Status, string StartedUtc);

/// <summary>What the overview page shows.</summary>
public sealed record OverviewFigures(
    ClockReport Clock,
    IReadOnlyList<OutcomeCounts> Outcomes,
    Duration? LatenessP50,
    Duration? LatenessP99,
    CappedCount OverdueBacklog,
    CappedCount DeadLetters,
    CappedCount Uncertain,
    IReadOnlyList<SiloRow> Silos);
