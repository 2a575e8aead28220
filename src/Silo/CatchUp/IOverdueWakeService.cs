using Orleans.Services;

namespace Reminders.Silo.CatchUp;

/// <summary>Marks <see cref="OverdueWakeService"/> as a grain service (Orleans finds grain services by such an interface).</summary>
[Alias("Reminders.Silo.IOverdueWakeService")]
public interface IOverdueWakeService : IGrainService;
