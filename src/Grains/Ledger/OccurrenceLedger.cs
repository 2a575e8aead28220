using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Ledger;

/// <summary>
/// What one activation knows of its entity's ledger, the rest of which lives in the ledger table: a cursor below
/// which every occurrence has been recorded (or passed over at creation or edit), each series' high-water mark
/// (the nominal period of its newest row; nothing at or below it is emitted again, whatever the cursor says),
/// and the records it still has to attempt. Pure state and rules, no I/O: the grain writes the rows and sends.
/// </summary>
public sealed class OccurrenceLedger(string entity)
{
    private readonly Dictionary<string, LocalDateTime> _highWater = [];

    /// <summary>Every occurrence due before this instant has been recorded or passed over.</summary>
    public Instant Cursor { get; private set; }

    /// <summary>The open records (and those recorded since the grain last dropped the closed ones), oldest first.</summary>
    public List<OccurrenceRecord> Records { get; } = [];

    /// <summary>Each series' newest nominal period in the table.</summary>
    public IReadOnlyDictionary<string, LocalDateTime> HighWater => _highWater;

    public OccurrenceRecord? Find(string key) => Records.Find(r => r.Key == key);

    /// <summary>Raises a series' high-water mark to <paramref name="nominal"/> (never lowers it).</summary>
    public void RaiseHighWater(string series, LocalDateTime nominal)
    {
        if (!_highWater.TryGetValue(series, out var mark) || nominal > mark)
        {
            _highWater[series] = nominal;
        }
    }

    /// <summary>
    /// Records every occurrence of <paramref name="series"/> due in [<see cref="Cursor"/>, <paramref name="now"/>]
    /// above its high-water mark: as <see cref="OccurrenceStatus.Scheduled"/>, marked late when it fell due more
    /// than <paramref name="lateAfter"/> ago, or <see cref="OccurrenceStatus.Skipped"/> when it is already past its
    /// catch-up window. Returns the new records, oldest first (not yet written).
    /// </summary>
    public IReadOnlyList<OccurrenceRecord> RecordDue(IEnumerable<IOccurrenceSeries> series, Instant now, Duration lateAfter)
    {
        if (now < Cursor)
        {
            return [];
        }

        var added = new List<OccurrenceRecord>();
        foreach (var s in series)
        {
            added.AddRange(s.From(Cursor, HighWaterOf(s.Id)).TakeWhile(o => o.Due <= now).Select(o => NewRecord(s, o, now, lateAfter)));
        }

        // Oldest first, so catch-up delivers in the order things fell due.
        added.Sort((a, b) => a.Due.CompareTo(b.Due));
        foreach (var record in added)
        {
            RaiseHighWater(record.Series, record.Nominal);
        }

        Records.AddRange(added);
        Cursor = now + Duration.Epsilon;
        return added;
    }

    /// <summary>Moves the cursor to <paramref name="now"/>: occurrences due before it will never be recorded.</summary>
    public void PassOverUntil(Instant now) => Cursor = Instant.Max(Cursor, now);

    /// <summary>
    /// The oldest occurrence that needs an attempt now: new and at its planned time (its due time unless spread),
    /// retry due, or left dispatching by another activation whose claim has run out.
    /// </summary>
    public OccurrenceRecord? NextToAttempt(Instant now) =>
        Records
            .Where(r => r.Status switch
            {
                OccurrenceStatus.Scheduled => r.DeliverAt <= now,
                OccurrenceStatus.Dispatching => !r.IsLeasedAt(now),
                OccurrenceStatus.Retrying => r.NextAttemptAt <= now,
                _ => false,
            })
            .OrderBy(r => r.DeliverAt)
            .FirstOrDefault();

    /// <summary>When the grain must next wake: the next occurrence of any series, or the next retry.</summary>
    public Instant? NextWake(IEnumerable<IOccurrenceSeries> series)
    {
        Instant? wake = null;
        foreach (var s in series)
        {
            if (NextPlanned(s) is { } next)
            {
                wake = Earliest(wake, next);
            }
        }

        foreach (var r in Records)
        {
            wake = r.Status switch
            {
                OccurrenceStatus.Scheduled => Earliest(wake, r.DeliverAt),
                OccurrenceStatus.Dispatching => Earliest(wake, r.ClaimedUntil is { } until && until > r.DeliverAt ? until : r.DeliverAt),
                OccurrenceStatus.Retrying => Earliest(wake, r.NextAttemptAt ?? r.Due),
                _ => wake,
            };
        }

        return wake;
    }

    /// <summary>
    /// When the first claim that another activation holds on a record still to be attempted runs out (its attempt may
    /// be on the wire, its outcome about to be written), or null when none is held past <paramref name="now"/>.
    /// </summary>
    public Instant? LeaseEnd(Instant now) =>
        Records.Where(r => r.IsLeasedAt(now)).Select(r => r.ClaimedUntil).Min();

    /// <summary>Puts <paramref name="fresh"/>, just read from the table, in the place of the stale <paramref name="stale"/>; kept only while open.</summary>
    public void Replace(OccurrenceRecord stale, OccurrenceRecord fresh)
    {
        Records.Remove(stale);
        if (fresh.IsOpen)
        {
            Records.Add(fresh);
        }
    }

    /// <summary>Closes every open occurrence but <paramref name="except"/> as skipped; returns those it closed.</summary>
    public IReadOnlyList<OccurrenceRecord> SkipOpen(string reason, string detail, Instant now, OccurrenceRecord? except = null)
    {
        var skipped = Records.Where(r => r.IsOpen && !ReferenceEquals(r, except)).ToList();
        foreach (var r in skipped)
        {
            r.Skip(reason, detail, now);
        }

        return skipped;
    }

    /// <summary>Forgets records that are closed and written: the table holds them; nothing here needs them again.</summary>
    public void DropClosed() => Records.RemoveAll(r => !r.IsOpen && r.IsStored);

    /// <summary>Forgets one record, for example one that another activation recorded first.</summary>
    public void Forget(OccurrenceRecord record) => Records.Remove(record);

    /// <summary>The next <paramref name="count"/> occurrences not yet recorded, across all series, in order.</summary>
    public IReadOnlyList<PlannedOccurrence> Upcoming(IEnumerable<IOccurrenceSeries> series, int count) =>
        [.. series.SelectMany(s => s.From(Cursor, HighWaterOf(s.Id)).Take(count)).OrderBy(o => o.Due).Take(count)];

    /// <summary>
    /// The earliest planned time among the series' occurrences not yet recorded. Waking then, rather than at the
    /// next due time, records and sends a spread occurrence in one wake. Spread offsets reorder occurrences, so
    /// this looks on while one could still be planned earlier: only while due times stay before the best so far.
    /// Without a spread the first occurrence settles it.
    /// </summary>
    private Instant? NextPlanned(IOccurrenceSeries series)
    {
        Instant? best = null;
        foreach (var occurrence in series.From(Cursor, HighWaterOf(series.Id)))
        {
            if (best is { } found && occurrence.Due >= found)
            {
                break;
            }

            best = Earliest(best, occurrence.Planned);
            if (occurrence.Planned == occurrence.Due)
            {
                // Every later one is due, so planned, after this one's due time.
                break;
            }
        }

        return best;
    }

    private LocalDateTime? HighWaterOf(string series) => _highWater.TryGetValue(series, out var mark) ? mark : null;

    private OccurrenceRecord NewRecord(IOccurrenceSeries series, PlannedOccurrence occurrence, Instant now, Duration lateAfter)
    {
        // A spread occurrence is late, or expired, only counting from its planned time.
        var deadline = occurrence.Planned + (series.Delivery.MaxAge ?? series.CatchUpWindow);
        var expired = now > occurrence.Planned + series.CatchUpWindow;
        var record = OccurrenceRecord.Scheduled(
            entity, series, occurrence.Key, occurrence.Nominal, occurrence.Kind, occurrence.LocalTime, occurrence.Due, deadline,
            occurrence.Adjustments, planned: occurrence.Planned == occurrence.Due ? null : occurrence.Planned, late: now - occurrence.Planned > lateAfter);
        if (occurrence.Adjustments.HasFlag(OccurrenceAdjustments.ExcludedSkipped))
        {
            record.Status = OccurrenceStatus.Skipped;
            record.Reason = OccurrenceReasons.Excluded;
            record.LastError = "excluded: the schedule's business calendar excludes its day";
            record.ClosedAt = now;
        }
        else if (expired)
        {
            record.Status = OccurrenceStatus.Skipped;
            record.Reason = OccurrenceReasons.Expired;
            record.LastError = $"expired: more than {series.CatchUpWindow} late when the service woke";
            record.ClosedAt = now;
        }

        return record;
    }

    private static Instant? Earliest(Instant? a, Instant b) => a is { } x && x <= b ? x : b;
}
