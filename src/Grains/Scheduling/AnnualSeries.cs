using NodaTime;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// A yearly event (birthday, anniversary) at a local time of day in the entity's zone. Feb 29 falls on
/// Feb 28 in other years (<see cref="AnnualDate.InYear"/>); the nominal period, and so the key, is the year.
/// </summary>
public sealed record AnnualSeries(
    string Kind,
    string EntityKey,
    AnnualDate Date,
    LocalTime TimeOfDay,
    DateTimeZone Zone,
    Duration CatchUpWindow,
    string Recipient,
    string Message) : IOccurrenceSeries
{
    // Only edits that reuse already-known keys make the search skip years; a handful suffices.
    private const int MaxYearsSearched = 16;

    /// <summary>The occurrence that belongs to <paramref name="year"/>.</summary>
    public PlannedOccurrence InYear(int year)
    {
        var local = Date.InYear(year).At(TimeOfDay);
        return new PlannedOccurrence(
            OccurrenceKeys.Annual(EntityKey, Kind, year), Kind, local, LocalTimeResolver.ToInstant(local, Zone));
    }

    /// <inheritdoc />
    public PlannedOccurrence NextAtOrAfter(Instant from, Func<string, bool> isKnown)
    {
        // Start a year early: near New Year the local year of `from` can be ahead of the occurrence's year.
        var firstYear = from.InZone(Zone).Year - 1;
        for (var year = firstYear; year < firstYear + MaxYearsSearched; year++)
        {
            var occurrence = InYear(year);
            if (occurrence.Due >= from && !isKnown(occurrence.Key))
            {
                return occurrence;
            }
        }

        throw new InvalidOperationException(
            $"No {Kind} occurrence of {EntityKey} in {MaxYearsSearched} years from {from}.");
    }
}
