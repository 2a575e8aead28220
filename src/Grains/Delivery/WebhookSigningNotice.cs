using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Reminders.Grains.Delivery;

/// <summary>Says once, at startup, whether webhooks are signed, so an unsigned deployment is never silent about it.</summary>
internal sealed partial class WebhookSigningNotice(WebhookSigner signer, ILogger<WebhookSigner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (signer.SecretCount == 0)
        {
            LogUnsigned(logger);
        }
        else
        {
            LogSigned(logger, signer.SecretCount);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "Webhooks are sent unsigned: no " + DeliveryOptions.SectionName + ":SigningSecrets is configured, so receivers cannot tell " +
        "our requests from forged ones. Set Reminders__Delivery__SigningSecrets__0 to a whsec_ secret (README, Signed webhooks)")]
    private static partial void LogUnsigned(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Webhooks are signed (Standard Webhooks, HMAC-SHA256) with {SecretCount} secret(s)")]
    private static partial void LogSigned(ILogger logger, int secretCount);
}
