using NodaTime;

namespace Reminders.Grains.Scheduling;

/// <summary>A series of occurrences of one event kind for one entity, with what to send for each.</summary>
public interface IOccurrenceSeries
{
    /// <summary>The event kind, as it appears in keys.</summary>
    string Kind { get; }

    /// <summary>How late an occurrence may still be sent; older ones are skipped.</summary>
    Duration CatchUpWindow { get; }

    /// <summary>What each occurrence sends.</summary>
    OccurrenceDelivery Delivery { get; }

    /// <summary>The zone database version the occurrences are computed with, recorded with each.</summary>
    string TzdbVersion { get; }

    /// <summary>The occurrences due at or after <paramref name="from"/> whose keys are not yet known, in order; finite when the series ends.</summary>
    IEnumerable<PlannedOccurrence> From(Instant from, Func<string, bool> isKnown);

    /// <summary>The first occurrence due at or after <paramref name="from"/> whose key is not yet known, or null when the series has ended.</summary>
    PlannedOccurrence? NextAtOrAfter(Instant from, Func<string, bool> isKnown) => From(from, isKnown).FirstOrDefault();
}
