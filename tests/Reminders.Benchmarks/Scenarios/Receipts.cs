using Reminders.FaultInjection;

namespace Reminders.Benchmarks.Scenarios;

/// <summary>Which of a set of keys the receiver has accepted, read once per check (a copy of its accepted set).</summary>
public static class Receipts
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(15);

    /// <summary>How many of <paramref name="keys"/> the receiver has not accepted yet.</summary>
    public static int Missing(FaultyReceiver receiver, IEnumerable<string> keys)
    {
        var accepted = receiver.Accepted.ToHashSet(StringComparer.Ordinal);
        return keys.Count(k => !accepted.Contains(k));
    }

    /// <summary>
    /// Waits until every key is accepted or <paramref name="until"/> passes; returns how many are still missing.
    /// Reports how many are missing every 15 s to <paramref name="progress"/>, when given.
    /// </summary>
    public static async Task<int> WaitAsync(FaultyReceiver receiver, IReadOnlyCollection<string> keys, DateTimeOffset until, Action<int>? progress = null)
    {
        var reported = DateTimeOffset.UtcNow;
        int missing;
        while ((missing = Missing(receiver, keys)) > 0 && DateTimeOffset.UtcNow < until)
        {
            if (progress is not null && DateTimeOffset.UtcNow - reported >= ProgressInterval)
            {
                reported = DateTimeOffset.UtcNow;
                progress(missing);
            }

            await Task.Delay(500); // a check copies the accepted set: keep it light beside the system under test
        }

        return missing;
    }
}
