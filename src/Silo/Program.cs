using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reminders.Grains.Delivery;
using Reminders.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddRemindersSilo();

// A worker silo has no development receiver of its own to fall back on.
builder.Services.AddOptions<DeliveryOptions>().Validate(
    o => o.WebhookUrl is not null,
    $"{DeliveryOptions.SectionName}:WebhookUrl is required on a worker silo (point it at your receiver, or at the API's /dev/webhook).");

await builder.Build().RunAsync();
