namespace Reminders.FaultInjection;

/// <summary>
/// The receiver's memory, behind one lock: the request log, the accepted keys, the keys in progress, and the
/// draws. Deduplication comes first, as a real receiver looks its key store up before doing any work: an
/// accepted key is a duplicate, a key in progress a conflict, and only a fresh key draws a fault (so a
/// client's retries of an accepted key never use up draws).
/// </summary>
internal sealed class ReceiverLedger
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly HashSet<string> _accepted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private FaultProfile _profile;
    private Random _random;
    private int _seed;
    private int _duplicates;

    public ReceiverLedger(FaultProfile profile)
    {
        _profile = profile.Validate();
        _seed = profile.Seed ?? Random.Shared.Next();
        _random = new Random(_seed);
    }

    /// <summary>Changing the profile keeps the sequence of draws going, unless the new profile names a seed.</summary>
    public FaultProfile Profile
    {
        get
        {
            lock (_gate)
            {
                return _profile;
            }
        }

        set
        {
            value.Validate();
            lock (_gate)
            {
                _profile = value;
                if (value.Seed is { } seed)
                {
                    _seed = seed;
                    _random = new Random(seed);
                }
            }
        }
    }

    public int Seed
    {
        get
        {
            lock (_gate)
            {
                return _seed;
            }
        }
    }

    /// <summary>Records a request that arrived and decides its outcome; the profile returned is the one it was decided under.</summary>
    public (RecordedRequest Request, FaultProfile Profile) Admit(string path, string? key, string? webhookId, DateTimeOffset at, string body)
    {
        lock (_gate)
        {
            FaultOutcome outcome;
            if (key is null)
            {
                outcome = FaultOutcome.MissingKey;
            }
            else if (_accepted.Contains(key))
            {
                outcome = FaultOutcome.Duplicate;
                _duplicates++;
            }
            else if (!_inProgress.Add(key))
            {
                outcome = FaultOutcome.KeyInProgress;
            }
            else
            {
                outcome = _profile.Draw(_random.NextDouble());
            }

            var request = new RecordedRequest(_requests.Count + 1, path, key, webhookId, at, outcome, RequestState.Pending, null, body);
            _requests.Add(request);
            return (request, _profile);
        }
    }

    /// <summary>A status is about to be sent: a 2xx for a fresh key accepts it, in the same step that ends its progress.</summary>
    public void Answer(RecordedRequest request, int status)
    {
        lock (_gate)
        {
            if (OwnsKey(request))
            {
                _inProgress.Remove(request.IdempotencyKey!);
                if (status is >= 200 and < 300)
                {
                    _accepted.Add(request.IdempotencyKey!);
                }
            }

            _requests[request.Sequence - 1] = request with { State = RequestState.Answered, Status = status };
        }
    }

    /// <summary>The request ended without an answer: the key is free again, not accepted.</summary>
    public void End(RecordedRequest request, RequestState state)
    {
        lock (_gate)
        {
            if (OwnsKey(request))
            {
                _inProgress.Remove(request.IdempotencyKey!);
            }

            _requests[request.Sequence - 1] = request with { State = state };
        }
    }

    public IReadOnlyList<RecordedRequest> Requests()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    public IReadOnlyCollection<string> Accepted()
    {
        lock (_gate)
        {
            return [.. _accepted];
        }
    }

    public IReadOnlyCollection<string> KeysInProgress()
    {
        lock (_gate)
        {
            return [.. _inProgress];
        }
    }

    public int DuplicateAcceptances
    {
        get
        {
            lock (_gate)
            {
                return _duplicates;
            }
        }
    }

    public FaultyReceiverSummary Summary()
    {
        lock (_gate)
        {
            var outcomes = Enum.GetValues<FaultOutcome>().ToDictionary(o => o, _ => 0);
            var pending = 0;
            foreach (var request in _requests)
            {
                outcomes[request.Outcome]++;
                pending += request.State == RequestState.Pending ? 1 : 0;
            }

            return new FaultyReceiverSummary(_requests.Count, pending, _accepted.Count, _duplicates, _seed, outcomes);
        }
    }

    // Only the request that drew a fault for a fresh key holds that key in progress.
    private static bool OwnsKey(RecordedRequest request) =>
        request.Outcome is FaultOutcome.Ok or FaultOutcome.Error or FaultOutcome.Hang or FaultOutcome.Slow or FaultOutcome.Throttle;
}
