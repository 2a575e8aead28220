using System.ComponentModel.DataAnnotations;

namespace Reminders.Silo.Catalog;

/// <summary>How the catalog repair sweep and the re-arm sweep walk their tables (<c>Reminders:Catalog</c>).</summary>
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

    /// <summary>How many entities the re-arm sweep activates per batch, when a silo starts under other trigger settings.</summary>
    /// <value>The default is 500.</value>
    [Range(1, 100_000)]
    public int RearmBatch { get; set; } = 500;

    /// <summary>How long the re-arm sweep waits between batches, so a whole catalog re-arms without a burst.</summary>
    /// <value>The default is 1 second: about 30,000 entities a minute at most, less when activations are slower.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RearmPause { get; set; } = TimeSpan.FromSeconds(1);
}
