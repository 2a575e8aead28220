namespace Reminders.Api.Security;

/// <summary>Says at startup, loudly, that the API serves everyone: a service that runs open should never do so quietly.</summary>
internal sealed partial class OpenAccessNotice(ApiKeyRing keys, ILogger<OpenAccessNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.IsOpen)
        {
            LogOpen(logger, keys.IsDevelopmentOpen
                ? "no API key is configured and the environment is Development"
                : "Reminders:Auth:Disabled is true");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "API authentication is OFF ({Why}): every request, from anyone who can reach this port, may read, change and administer " +
        "everything. Configure keys with Reminders__Auth__Keys__0__Name, __Sha256 and __Scopes before exposing it")]
    private static partial void LogOpen(ILogger logger, string why);
}
