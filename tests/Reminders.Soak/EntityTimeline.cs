namespace Reminders.Soak;

/// <summary>
/// One entity's definitions over time, as the soak wrote them: each change was sent at <c>Sent</c> and answered
/// at <c>Answered</c>; between the two either definition may be the one in force. A null shape is paused or
/// deleted. An unknown change (never answered) makes everything after it unknown, and nothing is checked there.
/// </summary>
public sealed class EntityTimeline(string id)
{
    /// <summary>How long before a pause or a delete an occurrence may still be open, and so skipped by it.</summary>
    public static readonly TimeSpan StopHorizon = TimeSpan.FromMinutes(2);

    private readonly List<Change> _changes = [];
    private int _busy;

    public string Id => id;

    public IReadOnlyList<Change> Changes => _changes;

    /// <summary>The shape in force after the last change (null: paused or deleted).</summary>
    public Shape? Current => _changes.Count == 0 ? null : _changes[^1].Shape;

    public bool Deleted { get; private set; }

    public bool Paused => !Deleted && _changes.Count > 0 && _changes[^1].Shape is null;

    /// <summary>
    /// Claims the entity for one write: changes must be one at a time, or the order they were answered in could
    /// differ from the order the service applied them, and the timeline would not be the service's.
    /// </summary>
    public bool TryBegin() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    public void End() => Volatile.Write(ref _busy, 0);

    public void Add(DateTimeOffset sent, DateTimeOffset? answered, Shape? shape, bool deleted = false)
    {
        lock (_changes)
        {
            _changes.Add(new Change(sent, answered, shape));
            Deleted |= deleted;
        }
    }

    /// <summary>
    /// What must be delivered: occurrences of each shape due from <paramref name="grace"/> after its change was
    /// answered to <paramref name="grace"/> before the next change was sent, and not after <paramref name="windowEnd"/>.
    /// </summary>
    public IEnumerable<Expected> Required(DateTimeOffset windowEnd, TimeSpan grace)
    {
        for (var i = 0; i < _changes.Count; i++)
        {
            var (shape, from, to) = (_changes[i].Shape, _changes[i].Answered, i + 1 < _changes.Count ? _changes[i + 1].Sent : DateTimeOffset.MaxValue);
            if (shape is null || from is null)
            {
                if (from is null)
                {
                    yield break; // unknown from here on
                }

                continue;
            }

            // A pause or a delete skips what is still open (an occurrence between retries is skipped, "paused"),
            // so what fell due shortly before one may end undelivered: required only before that horizon.
            var before = i + 1 < _changes.Count && _changes[i + 1].Shape is null ? StopHorizon : grace;
            var until = to == DateTimeOffset.MaxValue ? windowEnd : Min(to - before, windowEnd);
            foreach (var expected in shape.Between(id, from.Value + grace, until))
            {
                yield return expected;
            }
        }
    }

    /// <summary>
    /// What may be delivered: occurrences of each shape due from <paramref name="grace"/> before its change was
    /// sent to <paramref name="grace"/> after the next was answered (to <paramref name="end"/> for the last).
    /// </summary>
    public IEnumerable<Expected> Allowed(DateTimeOffset end, TimeSpan grace)
    {
        for (var i = 0; i < _changes.Count; i++)
        {
            var shape = _changes[i].Shape;
            var next = i + 1 < _changes.Count ? _changes[i + 1] : null;
            var until = next is null ? end : next.Answered is { } answered ? answered + grace : end;
            if (shape is not null)
            {
                foreach (var expected in shape.Between(id, _changes[i].Sent - grace, until))
                {
                    yield return expected;
                }
            }
        }
    }

    /// <summary>When the entity was changed, for explaining a miss near a change.</summary>
    public bool ChangedNear(DateTimeOffset at, TimeSpan margin) =>
        _changes.Skip(1).Any(c => at >= c.Sent - margin && at <= (c.Answered ?? DateTimeOffset.MaxValue) + margin);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public sealed record Change(DateTimeOffset Sent, DateTimeOffset? Answered, Shape? Shape);
}
