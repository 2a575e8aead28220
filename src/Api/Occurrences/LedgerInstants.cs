using NodaTime;

namespace Reminders.Api.Occurrences;

/// <summary>
/// The instants a ledger query may name: the ledger's columns are read and written as <see cref="DateTime"/>, which
/// starts at year 1, while NodaTime parses years back to -9999 and a token could carry any tick count.
/// </summary>
public static class LedgerInstants
{
    public static readonly Instant Min = Instant.FromUtc(1, 1, 1, 0, 0);

    public static bool Contains(Instant instant) => instant >= Min;

    public static bool ContainsUnixTicks(long ticks) => ticks >= Min.ToUnixTimeTicks() && ticks <= Instant.MaxValue.ToUnixTimeTicks();
}
