using Reminders.FaultInjection;

namespace Reminders.Soak;

/// <summary>
/// Matches what should have been delivered, computed from the definitions and the change log alone (see
/// <see cref="EntityTimeline"/>), against what the receiver accepted. The service's ledger is not consulted
/// for the verdict; it is read only to say what became of a missing key.
/// </summary>
public sealed class SoakChecker(TimeSpan grace, TimeSpan attemptTimeout)
{
    public SoakResult Check(
        IEnumerable<EntityTimeline> entities,
        IReadOnlyList<ChaosEvent> chaos,
        IReadOnlyList<RecordedRequest> received,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        DateTimeOffset end)
    {
        var timelines = entities.ToList();
        var required = new Dictionary<string, (Expected Occurrence, EntityTimeline Entity)>(StringComparer.Ordinal);
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in timelines)
        {
            foreach (var occurrence in entity.Required(windowEnd, grace))
            {
                required.TryAdd(occurrence.Key, (occurrence, entity));
            }

            allowed.UnionWith(entity.Allowed(end, grace).Select(o => o.Key));
        }

        // A key is accepted by its first 2xx; each later request for it is a copy a receiver without deduplication would have taken.
        var accepted = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var copies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var request in received.Where(r => r.IdempotencyKey is not null).OrderBy(r => r.Sequence))
        {
            if (request.Outcome == FaultOutcome.Duplicate)
            {
                copies[request.IdempotencyKey!] = copies.GetValueOrDefault(request.IdempotencyKey!) + 1;
            }
            else if (request.Status is >= 200 and < 300)
            {
                accepted.TryAdd(request.IdempotencyKey!, request.At);
            }
        }

        var missing = required.Values.Where(r => !accepted.ContainsKey(r.Occurrence.Key)).OrderBy(r => r.Occurrence.Due).ToList();
        var lateness = required.Values
            .Where(r => accepted.ContainsKey(r.Occurrence.Key))
            .Select(r => accepted[r.Occurrence.Key] - r.Occurrence.Due)
            .Order()
            .ToList();
        var duplicates = copies
            .Select(c => new Duplicate(c.Key, accepted.GetValueOrDefault(c.Key), c.Value, chaos.FirstOrDefault(e => e.Explains(accepted.GetValueOrDefault(c.Key), attemptTimeout, Afterwards(e)))))
            .OrderBy(d => d.FirstAccepted)
            .ToList();
        var unexpected = accepted.Where(a => !allowed.Contains(a.Key)).OrderBy(a => a.Value).Select(a => (a.Key, a.Value)).ToList();
        var missingExplained = missing.Select(m => new Missing(
                m.Occurrence,
                m.Entity.ChangedNear(m.Occurrence.Due, TimeSpan.FromSeconds(60)),
                chaos.Where(e => m.Occurrence.Due >= e.Start - TimeSpan.FromSeconds(60) && m.Occurrence.Due <= e.End + TimeSpan.FromSeconds(60)).ToList()))
            .ToList();

        return new SoakResult(windowStart, windowEnd, required.Count, accepted.Count, missingExplained, duplicates, unexpected, lateness,
            lateness.Count(l => l < -TimeSpan.FromSeconds(1)));
    }

    // How long after a fault ended an attempt's outcome may still have been lost: the database's writes retry for
    // up to 25 s (DatabaseConnections); a graceful leave overlaps its successor's activation briefly.
    private static TimeSpan Afterwards(ChaosEvent chaos) => chaos.Kind switch
    {
        var kind when kind.StartsWith("PostgreSQL", StringComparison.Ordinal) => TimeSpan.FromSeconds(30),
        var kind when kind.StartsWith("SIGTERM", StringComparison.Ordinal) => TimeSpan.FromSeconds(5),
        _ => TimeSpan.Zero,
    };
}

/// <summary>A key sent again after it was accepted; <paramref name="ExplainedBy"/> is the fault that allows it, or null.</summary>
public sealed record Duplicate(string Key, DateTimeOffset FirstAccepted, int Copies, ChaosEvent? ExplainedBy);

/// <summary>A required occurrence never accepted, with what happened around its due time.</summary>
public sealed record Missing(Expected Occurrence, bool ChangedNear, IReadOnlyList<ChaosEvent> FaultsNear);
