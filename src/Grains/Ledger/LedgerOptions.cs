using System.ComponentModel.DataAnnotations;

namespace Reminders.Grains.Ledger;

/// <summary>How long the ledger table keeps closed occurrences (<c>Reminders:Ledger</c>).</summary>
public sealed class LedgerOptions
{
    public const string SectionName = "Reminders:Ledger";

    /// <summary>
    /// Delivered and skipped occurrences older than this are deleted, except the newest of each series (its
    /// high-water mark). Dead-lettered and uncertain ones stay until retried or discarded.
    /// </summary>
    /// <value>The default is 90 days.</value>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often each silo runs the retention sweep (one silo at a time does the work).</summary>
    /// <value>The default is one hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
