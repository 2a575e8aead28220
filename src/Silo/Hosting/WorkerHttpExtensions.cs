using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Silo.Health;

namespace Reminders.Silo.Hosting;

/// <summary>
/// A worker silo's small HTTP port (<see cref="RemindersClusterOptions.HttpPort"/>): <c>/health/live</c>,
/// <c>/health/ready</c> (both with the zone database version) and <c>/metrics</c>, open to anyone, as it is meant for probes and scrapers on a private
/// network. Off (no listener at all) when the port is 0.
/// </summary>
public static class WorkerHttpExtensions
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddWorkerHttp(this WebApplicationBuilder builder)
    {
        var port = RemindersClusterOptions.From(builder.Configuration).HttpPort;
        if (port == 0)
        {
            builder.Services.AddSingleton<IServer, NoHttpServer>();
            return builder;
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(port));
        builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapWorkerHttp(this WebApplication app)
    {
        if (RemindersClusterOptions.From(app.Configuration).HttpPort == 0)
        {
            return app;
        }

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WorkerHealthWriter.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WorkerHealthWriter.WriteAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
