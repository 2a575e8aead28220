using NodaTime;

namespace Reminders.Grains.Scheduling;

/// <summary>An endless series of occurrences of one event kind for one entity, with what to send for each.</summary>
public interface IOccurrenceSeries
{
    /// <summary>The event kind, as it appears in keys.</summary>
    string Kind { get; }

    /// <summary>How late an occurrence may still be sent; older ones are skipped.</summary>
    Duration CatchUpWindow { get; }

    /// <summary>Who the message goes to.</summary>
    string Recipient { get; }

    /// <summary>The rendered message.</summary>
    string Message { get; }

    /// <summary>The first occurrence due at or after <paramref name="from"/> whose key is not yet known.</summary>
    PlannedOccurrence NextAtOrAfter(Instant from, Func<string, bool> isKnown);
}
