namespace Reminders.FaultInjection;

/// <summary>What a <see cref="FaultyReceiver"/> decided to do with one request.</summary>
public enum FaultOutcome
{
    /// <summary>A fresh key drew no fault: answered 200 at once, and the key is accepted.</summary>
    Ok,

    /// <summary>A fresh key drew a server error: answered 500 at once.</summary>
    Error,

    /// <summary>A fresh key drew a hang: no answer until the client gives up or the hang duration passes (then the connection is dropped).</summary>
    Hang,

    /// <summary>A fresh key drew a slow answer: 200 after the slow delay, unless the client gives up first.</summary>
    Slow,

    /// <summary>A fresh key drew throttling: answered 429 with <c>Retry-After</c> at once.</summary>
    Throttle,

    /// <summary>The key was already accepted: answered the duplicate status (200 by default), not accepted again.</summary>
    Duplicate,

    /// <summary>Another request for the key is still being handled: answered 409.</summary>
    KeyInProgress,

    /// <summary>No <c>Idempotency-Key</c> header: answered 400, since a deduplicating receiver cannot accept it.</summary>
    MissingKey,
}
