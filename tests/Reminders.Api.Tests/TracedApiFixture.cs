using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reminders.Grains.Telemetry;

namespace Reminders.Api.Tests;

/// <summary>
/// The API host with JSON console logging configured as the README says, every log line captured as that formatter
/// writes it, and every span of the <c>Reminders</c> source this process ends recorded.
/// </summary>
public sealed class TracedApiFixture : ApiFixture, IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public TracedApiFixture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DeliveryTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The ended attempt spans of <paramref name="occurrenceKey"/>, in the order they ended.</summary>
    public IReadOnlyList<Activity> AttemptSpans(string occurrenceKey) =>
        [.. _spans.Where(s => s.GetTagItem(DeliveryTracing.OccurrenceKeyTag) as string == occurrenceKey)];

    public JsonLogLines Logs => Factory.Services.GetServices<ILoggerProvider>().OfType<JsonLogLines>().Single();

    protected override ApiFactory CreateFactory() => new(
        Database,
        Clock,
        Receiver.Url,
        new Dictionary<string, string>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        },
        services: s => s.AddSingleton<ILoggerProvider, JsonLogLines>());

    public void Dispose() => _listener.Dispose();
}
