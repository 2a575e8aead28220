using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Ledger;

/// <summary>
/// A query of the ledger, newest due first: optionally one entity, status and kind, due in
/// [<paramref name="DueFrom"/>, <paramref name="DueTo"/>), after a position (the last row of the previous page),
/// at most <paramref name="Limit"/> rows.
/// </summary>
public sealed record OccurrenceQuery(
    int Limit,
    string? Entity = null,
    OccurrenceStatus? Status = null,
    string? Kind = null,
    Instant? DueFrom = null,
    Instant? DueTo = null,
    (Instant Due, string Key)? After = null);
