using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Grains.Delivery;
using Reminders.Silo.Hosting;

namespace Reminders.Silo;

/// <summary>
/// A worker silo: joins the cluster named in configuration and hosts grains and reminders. Its only HTTP is the
/// optional health and metrics port (Reminders:Cluster:HttpPort).
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.AddRemindersSilo();
        builder.AddWorkerHttp();

        // A worker silo has no development receiver of its own to fall back on.
        builder.Services.AddOptions<DeliveryOptions>().Validate(
            o => o.WebhookUrl is not null,
            $"{DeliveryOptions.SectionName}:WebhookUrl is required on a worker silo (point it at your receiver, or at the API's /dev/webhook).");

        var app = builder.Build();
        app.MapWorkerHttp();
        await app.RunAsync();
    }
}
