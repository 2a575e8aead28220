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
}
