using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;
using Reminders.Grains.Telemetry;

namespace Reminders.Domain.Tests.Telemetry;

/// <summary>The Reminders meter's instruments, read back through a <see cref="MeterListener"/>.</summary>
public sealed class RemindersMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RemindersMetrics _metrics;
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public RemindersMetricsTests()
    {
        _metrics = new RemindersMetrics(_services.GetRequiredService<IMeterFactory>());
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RemindersMetrics.MeterName && instrument.Meter.Scope == _services.GetRequiredService<IMeterFactory>())
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    [Fact]
    public void OverdueGauges_BeforeAnyReading_ReportZero()
    {
        _listener.RecordObservableInstruments();

        Assert.Equal((0d, 0d), (Last("reminders.overdue"), Last("reminders.overdue.oldest_age")));
    }

    [Fact]
    public void OverdueGauges_ReportTheLatestReading()
    {
        _metrics.ReportOverdue(3, TimeSpan.FromSeconds(90));
        _metrics.ReportOverdue(7, TimeSpan.FromMinutes(5));
        _listener.RecordObservableInstruments();

        Assert.Equal((7d, 300d), (Last("reminders.overdue"), Last("reminders.overdue.oldest_age")));
    }

    [Fact]
    public void Outcome_Delivered_CountsByKindAndRecordsLatenessFromDueToTheAttempt()
    {
        var due = Instant.FromUtc(2026, 12, 1, 9, 0);
        var record = Record(due);
        record.Claim(due + Duration.FromSeconds(2.5));
        record.MarkDelivered(due + Duration.FromSeconds(3));

        _metrics.Outcome(record);

        var delivery = Assert.Single(_measurements, m => m.Instrument == "reminders.deliveries");
        Assert.Equal((1d, "birthday", "delivered"), (delivery.Value, delivery.Tags["kind"], delivery.Tags["outcome"]));
        Assert.Equal(2.5, Assert.Single(_measurements, m => m.Instrument == "reminders.delivery.lateness").Value);
    }

    [Theory]
    [InlineData(false, "retried")]
    [InlineData(true, "deferred")]
    public void Outcome_FailedAttempt_CountsRetriedOrDeferredWithoutLateness(bool deferred, string expected)
    {
        var due = Instant.FromUtc(2026, 12, 1, 9, 0);
        var record = Record(due);
        record.Claim(due);
        record.MarkFailed("500", due + Duration.FromSeconds(10));

        _metrics.Outcome(record, deferred);

        Assert.Equal(expected, Assert.Single(_measurements).Tags["outcome"]);
    }

    [Fact]
    public void StartAttempt_Disposed_EndsInFlightAndRecordsDurationOnTheServiceClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();

        using (_metrics.StartAttempt(clock))
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal([1d, -1d], _measurements.Where(m => m.Instrument == "reminders.deliveries.in_flight").Select(m => m.Value));
        Assert.Equal(0.25, Assert.Single(_measurements, m => m.Instrument == "reminders.delivery.attempt.duration").Value);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private static OccurrenceRecord Record(Instant due) => Records.Of("user:ada:birthday:2026", due, OccurrenceStatus.Scheduled);

    private double Last(string instrument) => _measurements.Last(m => m.Instrument == instrument).Value;

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
}
