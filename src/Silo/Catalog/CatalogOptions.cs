using System.ComponentModel.DataAnnotations;

namespace Reminders.Silo.Catalog;

/// <summary>How the catalog repair sweep walks the grain-state table (<c>Reminders:Catalog</c>).</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Reminders:Catalog";

    /// <summary>How often the sweep checks one slice of the grain-state table.</summary>
    /// <value>The default is 1 minute: with <see cref="Slices"/> at 60, every entity is checked once an hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RepairInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Into how many equal ranges of the grain hash the table is cut; each tick checks one.</summary>
    /// <value>The default is 60.</value>
    [Range(1, 65_536)]
    public int Slices { get; set; } = 60;

    /// <summary>How many entities one tick repairs at most; the rest wait for the slice's next turn.</summary>
    /// <value>The default is 500.</value>
    [Range(1, 100_000)]
    public int RepairBatch { get; set; } = 500;
}
