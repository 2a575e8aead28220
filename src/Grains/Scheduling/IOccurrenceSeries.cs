using NodaTime;

namespace Reminders.Grains.Scheduling;

/// <summary>A series of occurrences of one event kind for one entity, with what to send for each.</summary>
public interface IOccurrenceSeries
{
    /// <summary>The series' identity in the ledger, such as <c>user:ada:birthday</c>; its high-water mark is kept per id.</summary>
    string Id { get; }

    /// <summary>The event kind, as it appears in keys.</summary>
    string Kind { get; }

    /// <summary>How late an occurrence may still be sent; older ones are skipped.</summary>
    Duration CatchUpWindow { get; }

    /// <summary>What each occurrence sends.</summary>
    OccurrenceDelivery Delivery { get; }

    /// <summary>The zone database version the occurrences are computed with, recorded with each.</summary>
    string TzdbVersion { get; }

    /// <summary>The business calendar version and policy the occurrences are computed with, or null when none applies.</summary>
    string? CalendarVersion => null;

    /// <summary>
    /// The occurrences due at or after <paramref name="from"/> whose nominal period lies after
    /// <paramref name="highWater"/> (all when null), in order; finite when the series ends.
    /// </summary>
    IEnumerable<PlannedOccurrence> From(Instant from, LocalDateTime? highWater);

    /// <summary>The first of <see cref="From"/>, or null when the series has ended.</summary>
    PlannedOccurrence? NextAtOrAfter(Instant from, LocalDateTime? highWater) => From(from, highWater).FirstOrDefault();
}
