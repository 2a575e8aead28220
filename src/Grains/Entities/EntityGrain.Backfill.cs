using NodaTime;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Entities;

// Backfill: past occurrences that never got a row, recorded and sent by the same dispatch loop as any other.
public abstract partial class EntityGrain<TDefinition, TState>
{
    /// <summary>How many occurrences one backfill call handles at most; the rest is left for a call from <see cref="BackfillResult.Next"/>.</summary>
    public const int BackfillLimit = 1000;

    // Instances whose nominal local time is in the range can be due a little before its start read as an instant
    // (a shift back for a day a month lacks, an offset change): enumeration starts this much earlier.
    private static readonly Duration BackfillLookBehind = Duration.FromDays(7);

    /// <summary>
    /// Records and delivers every occurrence whose nominal local time lies in [<paramref name="from"/>,
    /// <paramref name="to"/>], that is already due and has no row, oldest first, under its normal key; or, with
    /// <paramref name="dryRun"/>, only says which it would. Whether a key has a row decides, never the high-water
    /// mark: a key below the mark may never have been recorded (it fell due before the schedule was created).
    /// </summary>
    protected async Task<BackfillResult> BackfillCoreAsync(LocalDateTime from, LocalDateTime to, bool dryRun)
    {
        if (State.Definition is not { } definition)
        {
            return new BackfillResult(BackfillOutcome.NotFound, []);
        }

        if (IsPaused)
        {
            return new BackfillResult(BackfillOutcome.Paused, []);
        }

        // What a wake would do first: everything due up to now that the ledger records itself is recorded, so the
        // cursor passes now and no occurrence a backfill can see is also one the dispatch loop will record.
        var now = Now;
        await RecordDueAsync(now);

        var candidates = BackfillCandidates(definition, from, to, now);
        var horizon = now - services.Retention;
        if (candidates.FindIndex(c => c.Occurrence.Due <= horizon) is var tooOld and >= 0)
        {
            // Retention may have deleted that row: its absence would not prove the occurrence was never sent.
            return new BackfillResult(BackfillOutcome.BeforeRetention, [], Earliest: horizon.InZone(candidates[tooOld].Zone).LocalDateTime);
        }

        LocalDateTime? next = null;
        if (candidates.Count > BackfillLimit)
        {
            next = candidates[BackfillLimit].Occurrence.LocalTime;
            candidates.RemoveRange(BackfillLimit, candidates.Count - BackfillLimit);
        }

        var unknown = candidates.Select(c => c.Occurrence.Key).Where(k => Ledger.Find(k) is null).ToList();
        var stored = await services.Store.ReadExistingKeysAsync(unknown);
        var missing = candidates.Where(c => Ledger.Find(c.Occurrence.Key) is null && !stored.Contains(c.Occurrence.Key)).ToList();
        var missingKeys = missing.Select(m => m.Occurrence.Key).ToHashSet(StringComparer.Ordinal);
        var queued = new HashSet<string>(StringComparer.Ordinal);
        if (!dryRun && missing.Count > 0)
        {
            queued = await QueueBackfillAsync(missing, now);
        }

        var items = candidates.Select(c => new BackfillItem(c.Occurrence.Key, c.Occurrence.LocalTime, c.Occurrence.Due,
            queued.Contains(c.Occurrence.Key) ? BackfillItemStatus.Queued
            : dryRun && missingKeys.Contains(c.Occurrence.Key) ? BackfillItemStatus.WouldQueue
            : BackfillItemStatus.AlreadyRecorded)).ToList();
        if (Ledger.NextToAttempt(now) is not null)
        {
            RequestDispatch();
        }

        return new BackfillResult(BackfillOutcome.Done, items, next);
    }

    /// <summary>The occurrences in the local range that are due by now, oldest first, one more than the limit at most.</summary>
    private List<(IOccurrenceSeries Series, PlannedOccurrence Occurrence, DateTimeZone Zone)> BackfillCandidates(
        TDefinition definition, LocalDateTime from, LocalDateTime to, Instant now)
    {
        var candidates = new List<(IOccurrenceSeries, PlannedOccurrence, DateTimeZone)>();
        foreach (var series in Series(definition).OfType<RecurringSeries>())
        {
            var zone = series.Recurrence.Zone;
            var start = from.InZoneLeniently(zone).ToInstant() - BackfillLookBehind;
            candidates.AddRange(series.From(start, highWater: null)
                .SkipWhile(o => o.LocalTime < from)
                .TakeWhile(o => o.LocalTime <= to && o.Due <= now)
                .Take(BackfillLimit + 1)
                .Select(o => ((IOccurrenceSeries)series, o, zone)));
        }

        return [.. candidates.OrderBy(c => c.Item2.Due).ThenBy(c => c.Item2.Key, StringComparer.Ordinal).Take(BackfillLimit + 1)];
    }

    /// <summary>
    /// Inserts rows for the occurrences (a key that gained a row meanwhile is left alone and not sent: the insert's
    /// ON CONFLICT decides) and arms the reminder for them, so a crash before they are sent still sends them.
    /// </summary>
    private async Task<HashSet<string>> QueueBackfillAsync(List<(IOccurrenceSeries Series, PlannedOccurrence Occurrence, DateTimeZone Zone)> missing, Instant now)
    {
        var records = missing
            .Select(m => BackfillOccurrence.Create(EntityKey, m.Series, m.Occurrence, now, Duration.Max(m.Series.CatchUpWindow, DispatchServices.MinimumRetryWindow)))
            .ToList();
        var written = await InsertAsync(records);
        foreach (var record in written)
        {
            // Older than every occurrence after the cursor, so the mark (the newest nominal period) stays where the table has it.
            Ledger.Records.Add(record);
            Ledger.RaiseHighWater(record.Series, record.Nominal);
        }

        Ledger.Records.Sort((a, b) => a.DeliverAt.CompareTo(b.DeliverAt));
        await _reminder.ArmAsync(this, NextWake());
        LogBackfilled(logger, EntityKey, written.Count, missing.Count);
        return [.. written.Select(r => r.Key)];
    }
}
