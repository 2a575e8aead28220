using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reminders.Grains.Delivery;

namespace Reminders.Domain.Tests.Delivery;

/// <summary>The one startup line saying whether webhooks are signed.</summary>
public sealed class WebhookSigningNoticeTests
{
    [Fact]
    public async Task Start_NoSecret_WarnsOnceThatWebhooksAreSentUnsigned()
    {
        var logger = new Lines();

        await Notice(logger).StartAsync(CancellationToken.None);

        var (level, message) = Assert.Single(logger.Logged);
        Assert.Equal(LogLevel.Warning, level);
        Assert.StartsWith("Webhooks are sent unsigned: no Reminders:Delivery:SigningSecrets is configured", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TwoSecrets_SaysHowManyWithoutShowingThem()
    {
        var logger = new Lines();

        await Notice(logger, "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .StartAsync(CancellationToken.None);

        Assert.Equal([(LogLevel.Information, "Webhooks are signed (Standard Webhooks, HMAC-SHA256) with 2 secret(s)")], logger.Logged);
    }

    private static WebhookSigningNotice Notice(ILogger<WebhookSigner> logger, params string[] secrets) =>
        new(new WebhookSigner(Options.Create(new DeliveryOptions { SigningSecrets = secrets }), new FakeTimeProvider()), logger);

    private sealed class Lines : ILogger<WebhookSigner>
    {
        public List<(LogLevel Level, string Message)> Logged { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Logged.Add((logLevel, formatter(state, exception)));
    }
}
