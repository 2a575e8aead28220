using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// Binds each <c>Reminders:Events:&lt;Kind&gt;</c> section onto that kind's defaults, so setting one value of a
/// built-in kind (say <c>Reminders__Events__Birthday__LocalTime</c>) keeps its other defaults.
/// </summary>
public sealed class EventsOptionsSetup(IConfiguration configuration) : IConfigureOptions<EventsOptions>
{
    public void Configure(EventsOptions options)
    {
        foreach (var section in configuration.GetSection(EventsOptions.SectionName).GetChildren())
        {
            var name = EventsOptions.Canonical(section.Key);
            if (!options.Kinds.TryGetValue(name, out var kind))
            {
                kind = new EventKindOptions();
                options.Kinds[name] = kind;
            }

            section.Bind(kind);
        }
    }
}
