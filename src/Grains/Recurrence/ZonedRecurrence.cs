using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Grains.Recurrence;

/// <summary>
/// A recurrence in a time zone: DTSTART, an optional rule (none means one instance at DTSTART), extra local
/// date-times (RFC 5545 RDATE), excluded local date-times (EXDATE), and the policies that turn each local
/// instance into an instant. Instances are strictly increasing in time; one that a DST shift lands on an
/// instant already produced is produced once, and an RDATE the rule also gives is one instance.
/// </summary>
public sealed class ZonedRecurrence
{
    // An instance's local time is at most a day or so ahead of its instant's: start expanding a little early.
    private static readonly Period LocalSearchMargin = Period.FromDays(2);

    private readonly LocalDateTime _start;
    private readonly RecurrenceRule? _rule;
    private readonly RecurrenceExpander? _expander;
    private readonly LocalDateTime[] _rDates;
    private readonly HashSet<LocalDateTime> _exDates;
    private readonly DateTimeZone _zone;
    private readonly RecurrencePolicies _policies;

    public ZonedRecurrence(LocalDateTime start, RecurrenceRule? rule, IEnumerable<LocalDateTime> exDates, DateTimeZone zone, RecurrencePolicies policies)
        : this(start, rule, [], exDates, zone, policies)
    {
    }

    public ZonedRecurrence(
        LocalDateTime start, RecurrenceRule? rule, IEnumerable<LocalDateTime> rDates, IEnumerable<LocalDateTime> exDates, DateTimeZone zone, RecurrencePolicies policies)
    {
        _start = start;
        _rule = rule;
        _expander = rule is null ? null : new RecurrenceExpander(start, rule, policies.InvalidDate);
        _rDates = [.. rDates.Distinct().Order()];
        _exDates = [.. exDates];
        _zone = zone;
        _policies = policies;
    }

    public DateTimeZone Zone => _zone;

    /// <summary>True when the last expansion to end stopped at the expander's search bound rather than the rule's end.</summary>
    public bool SearchExhausted => _expander?.SearchExhausted ?? false;

    /// <summary>The candidates the expander has examined so far: the measure of this recurrence's work.</summary>
    public long CandidatesExamined => _expander?.CandidatesExamined ?? 0;

    /// <summary>The instances due at or after <paramref name="from"/>, in order.</summary>
    public IEnumerable<ScheduledInstance> From(Instant from)
    {
        var localFrom = from.InZone(_zone).LocalDateTime - LocalSearchMargin;
        Instant? last = null;
        foreach (var instance in Merged(RuleInstances(localFrom), RDatesFrom(localFrom)))
        {
            if (instance.Due < from || (last is { } previous && instance.Due <= previous) || _exDates.Contains(instance.Local))
            {
                continue;
            }

            last = instance.Due;
            yield return instance;
        }
    }

    // The rule's instances (or DTSTART alone), resolved, up to UNTIL: UNTIL bounds the rule, not the RDATEs (RFC 5545 3.3.10).
    private IEnumerable<ScheduledInstance> RuleInstances(LocalDateTime localFrom)
    {
        var locals = _expander is null
            ? [new LocalInstance(_start, OccurrenceAdjustments.None)]
            : _expander.From(localFrom);

        foreach (var local in locals)
        {
            if (Resolve(local) is not { } instance)
            {
                continue;
            }

            if (_rule?.Until is { } until && until.Excludes(instance.Local, instance.Due))
            {
                yield break;
            }

            yield return instance;
        }
    }

    private IEnumerable<ScheduledInstance> RDatesFrom(LocalDateTime localFrom)
    {
        var index = Array.BinarySearch(_rDates, localFrom);
        for (var i = index >= 0 ? index : ~index; i < _rDates.Length; i++)
        {
            if (Resolve(new LocalInstance(_rDates[i], OccurrenceAdjustments.None)) is { } instance)
            {
                yield return instance;
            }
        }
    }

    // Both streams rise by local date-time; one local date-time in both is one instance, the rule's (it may carry an adjustment).
    private static IEnumerable<ScheduledInstance> Merged(IEnumerable<ScheduledInstance> rule, IEnumerable<ScheduledInstance> extra)
    {
        using var a = rule.GetEnumerator();
        using var b = extra.GetEnumerator();
        var hasA = a.MoveNext();
        var hasB = b.MoveNext();
        while (hasA || hasB)
        {
            if (hasA && (!hasB || a.Current.Local <= b.Current.Local))
            {
                if (hasB && a.Current.Local == b.Current.Local)
                {
                    hasB = b.MoveNext();
                }

                yield return a.Current;
                hasA = a.MoveNext();
            }
            else
            {
                yield return b.Current;
                hasB = b.MoveNext();
            }
        }
    }

    /// <summary>The first instance of the whole series, or null when the rule produces none.</summary>
    public ScheduledInstance? First() =>
        From((_start - LocalSearchMargin).InZoneLeniently(_zone).ToInstant()).Cast<ScheduledInstance?>().FirstOrDefault();

    /// <summary>Maps a local instance to its instant by the DST policies; null when the gap policy omits it.</summary>
    public ScheduledInstance? Resolve(LocalInstance local)
    {
        var mapping = _zone.MapLocal(local.Local);
        switch (mapping.Count)
        {
            case 1:
                return new ScheduledInstance(local.Local, mapping.Single().ToInstant(), local.Adjustments);
            case 0 when _policies.DstGap == DstGapPolicy.Omit:
                return null;
            case 0:
                // RFC 5545 3.3.5: a time in the gap is read with the offset in force before it, so 02:30 becomes 03:30.
                var shifted = new OffsetDateTime(local.Local, mapping.EarlyInterval.WallOffset).ToInstant();
                return new ScheduledInstance(local.Local, shifted, local.Adjustments | OccurrenceAdjustments.DstGapShifted);
            default:
                return _policies.DstOverlap == DstOverlapPolicy.Earlier
                    ? new ScheduledInstance(local.Local, mapping.First().ToInstant(), local.Adjustments | OccurrenceAdjustments.DstOverlapEarlier)
                    : new ScheduledInstance(local.Local, mapping.Last().ToInstant(), local.Adjustments | OccurrenceAdjustments.DstOverlapLater);
        }
    }
}
