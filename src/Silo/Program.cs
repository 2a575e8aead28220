using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reminders.Grains.Delivery;
using Reminders.Silo.Hosting;

namespace Reminders.Silo;

/// <summary>A worker silo: joins the cluster named in configuration and hosts grains and reminders. No HTTP.</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddRemindersSilo();

        // A worker silo has no development receiver of its own to fall back on.
        builder.Services.AddOptions<DeliveryOptions>().Validate(
            o => o.WebhookUrl is not null,
            $"{DeliveryOptions.SectionName}:WebhookUrl is required on a worker silo (point it at your receiver, or at the API's /dev/webhook).");

        await builder.Build().RunAsync();
    }
}
