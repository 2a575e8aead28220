using System.Diagnostics;

namespace Reminders.Testing;

/// <summary>Waits on a condition with a timeout, polling: never a blind sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>True as soon as <paramref name="condition"/> holds, false if it did not within <paramref name="timeout"/>.</summary>
    public static async Task<bool> HoldsWithinAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (elapsed.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval);
        }
    }

    public static Task<bool> HoldsWithinAsync(Func<bool> condition, TimeSpan timeout) =>
        HoldsWithinAsync(() => Task.FromResult(condition()), timeout);

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="because"/> after the timeout.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        if (!await HoldsWithinAsync(condition, timeout ?? DefaultTimeout))
        {
            throw new TimeoutException($"Timed out waiting until {because}.");
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), because, timeout);
}
