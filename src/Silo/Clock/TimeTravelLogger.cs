using Microsoft.Extensions.Logging;
using Reminders.Grains.Clock;

namespace Reminders.Silo.Clock;

/// <summary>
/// Prefixes every formatted message with <c>[time travel: ...]</c>. The state goes through untouched, so
/// structured properties (and the message template) reach every provider as they were logged.
/// </summary>
internal sealed class TimeTravelLogger(ILogger inner, TravellingTimeProvider clock) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        // The service clock as of the call, not of whenever a provider gets round to formatting.
        var marker = $"[{clock.Describe()}] ";
        inner.Log(logLevel, eventId, state, exception, (s, e) => marker + formatter(s, e));
    }
}
