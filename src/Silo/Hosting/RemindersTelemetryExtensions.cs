using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using Reminders.Grains.Telemetry;

namespace Reminders.Silo.Hosting;

/// <summary>
/// OpenTelemetry metrics for every silo: the Reminders, Orleans and Npgsql meters, ASP.NET Core, HttpClient and
/// runtime instrumentation, read by the Prometheus endpoint and, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
/// pushed over OTLP (configured by the standard <c>OTEL_*</c> variables).
/// </summary>
public static class RemindersTelemetryExtensions
{
    public const string OrleansMeterName = "Microsoft.Orleans";
    public const string NpgsqlMeterName = "Npgsql";

    public static IHostApplicationBuilder AddRemindersTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
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
        });
        return builder;
    }
}
