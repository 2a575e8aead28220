namespace Reminders.Grains.Ledger;

/// <summary>Why a closed occurrence was not delivered: short codes that clients can switch on.</summary>
public static class OccurrenceReasons
{
    /// <summary>Its catch-up window closed first.</summary>
    public const string Expired = "expired";

    /// <summary>It ran out of attempts.</summary>
    public const string AttemptsExhausted = "attemptsExhausted";

    /// <summary>Its entity was deleted first.</summary>
    public const string Deleted = "deleted";

    /// <summary>Its schedule was paused when it fell due.</summary>
    public const string Paused = "paused";

    /// <summary>The receiver refused it in a way retrying cannot fix (a 4xx other than 408, 409, 429).</summary>
    public const string PermanentFailure = "permanentFailure";

    /// <summary>Closed by a discard request.</summary>
    public const string Discarded = "discarded";

    /// <summary>Its schedule's business calendar excludes its day and the schedule's policy skips such days.</summary>
    public const string Excluded = "excluded";
}
