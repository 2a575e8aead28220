using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Reminders.Grains.Telemetry;

namespace Reminders.Silo.Hosting;

/// <summary>
/// OpenTelemetry for every silo. Metrics: the Reminders, Orleans and Npgsql meters, ASP.NET Core, HttpClient and
/// runtime instrumentation, read by the Prometheus endpoint. Traces: the Reminders source (one span per delivery
/// attempt), Orleans' application grain calls, ASP.NET Core requests and HttpClient calls. Both are pushed over
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (configured by the standard <c>OTEL_*</c> variables). Log
/// lines carry the current trace and span ids as a scope.
/// </summary>
public static class RemindersTelemetryExtensions
{
    public const string OrleansMeterName = "Microsoft.Orleans";
    public const string NpgsqlMeterName = "Npgsql";

    /// <summary>
    /// Orleans' spans for grain calls made by application code (Orleans.Diagnostics.ActivitySources). Its runtime
    /// source is left out: that traces the cluster's own calls, which would bury the requests' traces.
    /// </summary>
    public const string OrleansApplicationSourceName = "Microsoft.Orleans.Application";

    public static IHostApplicationBuilder AddRemindersTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RemindersMetrics.MeterName, OrleansMeterName, NpgsqlMeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(DeliveryTracing.SourceName, OrleansApplicationSourceName)
                    // Scrapes and probes every few seconds would outnumber the requests worth tracing.
                    .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/metrics") && !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });

        // The JSON console formatter (Logging__Console__FormatterName=json, IncludeScopes=true) then writes them.
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        return builder;
    }
}
