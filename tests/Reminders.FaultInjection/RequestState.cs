namespace Reminders.FaultInjection;

/// <summary>How far a recorded request has got.</summary>
public enum RequestState
{
    /// <summary>Still being handled: waiting out a hang or a slow delay.</summary>
    Pending,

    /// <summary>A status code was sent.</summary>
    Answered,

    /// <summary>The client gave up (cancelled, timed out, closed the connection) before any answer.</summary>
    Aborted,

    /// <summary>The receiver closed the connection without answering: a hang ran its full duration, or the receiver stopped.</summary>
    Dropped,
}
