using NodaTime;

namespace Reminders.Grains.Recurrence;

/// <summary>
/// The whole state of an expansion as it reaches a period: the period's index, how many instances came before
/// it and the last of them. Expansion is deterministic, so going on from this state gives exactly the rest of
/// the series counted from DTSTART; it may stand in for DTSTART whenever everything it skips comes before
/// <c>from</c>, that is when <see cref="Last"/> does. Testing <see cref="Last"/> rather than the period's start
/// is what keeps it exact when an invalid date moved forward puts an earlier period's instance after this
/// period's start (Feb 31 to Mar 1), and carrying it keeps the de-duplication of a later period's repeat.
/// </summary>
internal readonly record struct ExpansionCheckpoint(long Period, int Emitted, LocalDateTime? Last)
{
    /// <summary>True when every instance before this state precedes <paramref name="from"/>.</summary>
    public bool Precedes(LocalDateTime from) => Last is not { } last || last < from;
}
