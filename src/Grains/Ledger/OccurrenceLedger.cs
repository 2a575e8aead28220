using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Ledger;

/// <summary>
/// An entity's exactly-once ledger: every occurrence that has fallen due, and a cursor below which every
/// occurrence of every series has been recorded (or deliberately passed over at creation or edit).
/// Pure state and rules, no I/O: the grain persists it and does the sending.
/// </summary>
[GenerateSerializer, Alias("Reminders.Ledger.OccurrenceLedger")]
public sealed class OccurrenceLedger
{
    // Closed records beyond this many are dropped, oldest first. Safe because the cursor never moves
    // back past them: a dropped key can only be recomputed for a period that is already behind the cursor.
    internal const int MaxClosedRecords = 100;

    /// <summary>Every occurrence due before this instant has been recorded or passed over.</summary>
    [Id(0)] public Instant Cursor { get; set; }

    [Id(1)] public List<OccurrenceRecord> Records { get; set; } = [];

    public bool Contains(string key) => Records.Exists(r => r.Key == key);

    public OccurrenceRecord? Find(string key) => Records.Find(r => r.Key == key);

    /// <summary>
    /// Records every occurrence of <paramref name="series"/> due in [<see cref="Cursor"/>, <paramref name="now"/>]:
    /// as <see cref="OccurrenceStatus.Scheduled"/>, marked late when it fell due more than
    /// <paramref name="lateAfter"/> ago, or <see cref="OccurrenceStatus.Skipped"/> when it is already past
    /// its catch-up window. Returns true when anything was recorded.
    /// </summary>
    public bool RecordDue(IEnumerable<IOccurrenceSeries> series, Instant now, Duration lateAfter)
    {
        if (now < Cursor)
        {
            return false;
        }

        var added = new List<OccurrenceRecord>();
        foreach (var s in series)
        {
            added.AddRange(s.From(Cursor, Contains).TakeWhile(o => o.Due <= now).Select(o => NewRecord(s, o, now, lateAfter)));
        }

        // Oldest first, so catch-up delivers in the order things fell due.
        Records.AddRange(added.OrderBy(r => r.Due));
        Cursor = now + Duration.Epsilon;
        Prune();
        return added.Count > 0;
    }

    /// <summary>Moves the cursor to <paramref name="now"/>: occurrences due before it will never be recorded.</summary>
    public void PassOverUntil(Instant now) => Cursor = Instant.Max(Cursor, now);

    /// <summary>The oldest occurrence that needs an attempt now: new, retry due, or left dispatching by a crash.</summary>
    public OccurrenceRecord? NextToAttempt(Instant now) =>
        Records
            .Where(r => r.Status switch
            {
                OccurrenceStatus.Scheduled or OccurrenceStatus.Dispatching => true,
                OccurrenceStatus.Retrying => r.NextAttemptAt <= now,
                _ => false,
            })
            .OrderBy(r => r.Due)
            .FirstOrDefault();

    /// <summary>When the grain must next wake: the next occurrence of any series, or the next retry.</summary>
    public Instant? NextWake(IEnumerable<IOccurrenceSeries> series)
    {
        Instant? wake = null;
        foreach (var s in series)
        {
            if (s.NextAtOrAfter(Cursor, Contains) is { } next)
            {
                wake = Earliest(wake, next.Due);
            }
        }

        foreach (var r in Records)
        {
            wake = r.Status switch
            {
                OccurrenceStatus.Scheduled or OccurrenceStatus.Dispatching => Earliest(wake, r.Due),
                OccurrenceStatus.Retrying => Earliest(wake, r.NextAttemptAt ?? r.Due),
                _ => wake,
            };
        }

        return wake;
    }

    /// <summary>Closes every open occurrence as skipped, for example when the entity is deleted or paused.</summary>
    public bool SkipOpen(string reason, string detail)
    {
        var changed = false;
        foreach (var r in Records.Where(r => r.IsOpen))
        {
            r.Status = OccurrenceStatus.Skipped;
            r.NextAttemptAt = null;
            r.Reason = reason;
            r.LastError = detail;
            changed = true;
        }

        return changed;
    }

    /// <summary>The next <paramref name="count"/> occurrences not yet recorded, across all series, in order.</summary>
    public IReadOnlyList<PlannedOccurrence> Upcoming(IEnumerable<IOccurrenceSeries> series, int count) =>
        [.. series.SelectMany(s => s.From(Cursor, Contains).Take(count)).OrderBy(o => o.Due).Take(count)];

    private static OccurrenceRecord NewRecord(IOccurrenceSeries series, PlannedOccurrence occurrence, Instant now, Duration lateAfter)
    {
        var deadline = occurrence.Due + (series.Delivery.MaxAge ?? series.CatchUpWindow);
        var expired = now > occurrence.Due + series.CatchUpWindow;
        return new OccurrenceRecord
        {
            Key = occurrence.Key,
            Kind = occurrence.Kind,
            LocalTime = occurrence.LocalTime,
            Due = occurrence.Due,
            Deadline = deadline,
            Recipient = new Dictionary<string, string>(series.Delivery.Recipient),
            Message = series.Delivery.Message,
            Channel = series.Delivery.Channel,
            Target = series.Delivery.Target,
            Guarantee = series.Delivery.Guarantee,
            MaxAttempts = series.Delivery.MaxAttempts,
            TzdbVersion = series.TzdbVersion,
            Adjustments = occurrence.Adjustments,
            Late = now - occurrence.Due > lateAfter,
            Status = expired ? OccurrenceStatus.Skipped : OccurrenceStatus.Scheduled,
            Reason = expired ? OccurrenceReasons.Expired : null,
            LastError = expired ? $"expired: more than {series.CatchUpWindow} late when the service woke" : null,
        };
    }

    private void Prune()
    {
        var closed = Records.Count(r => r.IsClosed);
        if (closed <= MaxClosedRecords)
        {
            return;
        }

        var drop = Records.Where(r => r.IsClosed).OrderBy(r => r.Due).Take(closed - MaxClosedRecords).ToHashSet();
        Records.RemoveAll(drop.Contains);
    }

    private static Instant? Earliest(Instant? a, Instant b) => a is { } x && x <= b ? x : b;
}
