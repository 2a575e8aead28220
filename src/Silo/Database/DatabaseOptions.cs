using System.ComponentModel.DataAnnotations;

namespace Reminders.Silo.Database;

/// <summary>How long a silo keeps trying to reach PostgreSQL (<c>Reminders:Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Reminders:Database";

    public static readonly TimeSpan DefaultOutcomeWriteBudget = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long the write of a delivery's outcome keeps retrying connection opens that fail before anything is sent.
    /// It is written by the dispatch loop, not inside a grain call, so it need not answer within Orleans' 30-second
    /// response timeout as every other write does (those keep 25 s); an outcome given up on is resent under the same
    /// key by the entity's next activation. Claims stay bounded by the 25 s: a claim given up on sends nothing.
    /// </summary>
    /// <value>The default is 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OutcomeWriteBudget { get; set; } = DefaultOutcomeWriteBudget;
}
