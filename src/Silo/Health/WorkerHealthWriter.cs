using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Reminders.Silo.Health;

/// <summary>
/// A worker silo's health answer: the checks, as the API's health shows them, and the zone database in use
/// (<c>timeZones.version</c>), so an operator can see which silos picked up a new one.
/// </summary>
public static class WorkerHealthWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
            timeZones = TimeZoneReport.Of(context.RequestServices),
        }, JsonOptions, context.RequestAborted);
    }
}
