using Microsoft.Extensions.Logging;
using Reminders.Grains.Clock;

namespace Reminders.Silo.Clock;

/// <summary>
/// Wraps the host's logger factory so that every logger, and so every provider (console, dashboard, tests'
/// captures), writes the time-travel marker. Decorating the factory rather than each provider keeps the
/// providers' own types, which the <c>Logging:{Provider}</c> filter rules are keyed by.
/// </summary>
internal sealed class TimeTravelLoggerFactory(ILoggerFactory inner, TravellingTimeProvider clock) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new TimeTravelLogger(inner.CreateLogger(categoryName), clock);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The container created the inner factory and disposes it.
    public void Dispose()
    {
    }
}
