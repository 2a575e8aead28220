namespace Reminders.Soak;

/// <summary>One fault: what, to whom, from when until the victim was gone or the database back.</summary>
public sealed record ChaosEvent(string Kind, string Target, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>
    /// Whether a key first accepted at <paramref name="accepted"/> may legitimately be sent again because of this
    /// fault: its attempt was on the wire (within one attempt timeout) before the fault began, or was answered while
    /// the process was leaving or the database away, so its outcome may not have been written.
    /// </summary>
    public bool Explains(DateTimeOffset accepted, TimeSpan attemptTimeout, TimeSpan afterwards) =>
        accepted >= Start - attemptTimeout - TimeSpan.FromSeconds(1) && accepted <= End + afterwards;

    public override string ToString() => $"{Start:HH:mm:ss} {Kind} {Target} ({(End - Start).TotalSeconds:F1} s)";
}
