using System.Diagnostics.Metrics;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;

namespace Reminders.Grains.Telemetry;

/// <summary>
/// The <c>Reminders</c> meter: what the dispatch loop and the overdue sweep do, in OpenTelemetry names and units
/// (Prometheus shows <c>reminders_deliveries_total</c>, <c>reminders_delivery_lateness_seconds_bucket</c> and so on).
/// </summary>
public sealed class RemindersMetrics
{
    public const string MeterName = "Reminders";

    /// <summary>Lateness buckets from 10 ms to a day: a healthy cluster sits in the first few, catch-up after downtime in the last.</summary>
    public static readonly IReadOnlyList<double> LatenessBuckets =
        [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 43200, 86400];

    /// <summary>Attempt duration buckets from 5 ms to the longest webhook timeout worth waiting for.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _lateness;
    private readonly Histogram<double> _attemptDuration;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _wakes;
    private readonly Counter<long> _rearmChecks;
    private readonly Counter<long> _databaseOpenRetries;
    private OverdueSample _overdue = OverdueSample.None;

    public RemindersMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _deliveries = meter.CreateCounter<long>("reminders.deliveries", "{delivery}",
            "Occurrences by outcome: each attempt's (delivered, retried, deferred, dead_lettered, uncertain), and closures without one (skipped, dead_lettered, uncertain).");
        _lateness = meter.CreateHistogram("reminders.delivery.lateness", "s",
            "From an occurrence's due instant to the start of the attempt its receiver accepted.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
        _attemptDuration = meter.CreateHistogram("reminders.delivery.attempt.duration", "s",
            "How long one attempt's send took, whatever its outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _inFlight = meter.CreateUpDownCounter<long>("reminders.deliveries.in_flight", "{delivery}",
            "Attempts on the wire in this silo now.");
        _wakes = meter.CreateCounter<long>("reminders.catchup.wakes", "{entity}",
            "Entities the overdue sweep woke because their reminder fell due while no silo ran it.");
        _rearmChecks = meter.CreateCounter<long>("reminders.rearm.sweep.entities", "{entity}",
            "Entities the re-arm sweep activated because their trigger was last checked under another zone database or other kind settings.");
        _databaseOpenRetries = meter.CreateCounter<long>("reminders.database.open.retries", "{retry}",
            "Connection opens to PostgreSQL retried after failing before anything was sent (refused, restarting, too many clients, pool exhausted).");
        meter.CreateObservableGauge("reminders.overdue", () => _overdue.Count, "{entity}",
            "Entities whose wake passed more than the grace ago without their reminder being re-armed (sampled from the reminder table, cluster-wide).");
        meter.CreateObservableGauge("reminders.overdue.oldest_age", () => _overdue.OldestAge.TotalSeconds, "s",
            "How long ago the oldest overdue wake was, when last sampled; 0 when none is overdue.");
    }

    /// <summary>Counts one retried connection open.</summary>
    public void DatabaseOpenRetried() => _databaseOpenRetries.Add(1);

    /// <summary>Marks an attempt as on the wire; disposing the result ends it and records its duration.</summary>
    public AttemptTimer StartAttempt(TimeProvider clock)
    {
        _inFlight.Add(1);
        return new AttemptTimer(this, clock, clock.GetTimestamp());
    }

    /// <summary>Counts an occurrence's outcome from its status after an attempt or a closure; <paramref name="deferred"/> for an uncounted, deferred attempt.</summary>
    public void Outcome(OccurrenceRecord record, bool deferred = false)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = deferred ? DeliveryOutcomes.Deferred : DeliveryOutcomes.Of(record.Status);
        if (outcome is null)
        {
            return;
        }

        // Kinds are the operator's configured ones (a schedule naming another is refused), so the series stay few.
        _deliveries.Add(1, new KeyValuePair<string, object?>("kind", record.Kind), new KeyValuePair<string, object?>("outcome", outcome));
        if (record.Status == OccurrenceStatus.Delivered && record.LastAttemptAt is { } attempted)
        {
            _lateness.Record(Math.Max(0, (attempted - record.DeliverAt).TotalSeconds), new KeyValuePair<string, object?>("kind", record.Kind));
        }
    }

    public void Woke() => _wakes.Add(1);

    /// <summary>Counts one entity the re-arm sweep activated.</summary>
    public void RearmChecked() => _rearmChecks.Add(1);

    /// <summary>Publishes the overdue sweep's latest reading, which the gauges report until the next one.</summary>
    public void ReportOverdue(long count, TimeSpan oldestAge) => Volatile.Write(ref _overdue, new OverdueSample(count, oldestAge));

    private void Finished(TimeSpan elapsed)
    {
        _inFlight.Add(-1);
        _attemptDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>One attempt on the wire, timed by the service clock.</summary>
    public readonly struct AttemptTimer(RemindersMetrics metrics, TimeProvider clock, long started) : IDisposable
    {
        public void Dispose() => metrics.Finished(clock.GetElapsedTime(started));
    }

    private sealed record OverdueSample(long Count, TimeSpan OldestAge)
    {
        public static readonly OverdueSample None = new(0, TimeSpan.Zero);
    }
}
