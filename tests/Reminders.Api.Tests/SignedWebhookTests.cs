using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>The API host configured with two signing secrets, as in the middle of a rotation.</summary>
public sealed class SignedApiFixture : ApiFixture
{
    public const string OldSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string NewSecret = "whsec_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7";

    public CapturedLogs Logs { get; } = new();

    protected override ApiFactory CreateFactory() => new(Database, Clock, Receiver.Url, new Dictionary<string, string>
    {
        ["Reminders:Delivery:SigningSecrets:0"] = OldSecret,
        ["Reminders:Delivery:SigningSecrets:1"] = NewSecret,
    }, Logs);
}

/// <summary>A real delivery through the host, verified as a receiver would with the README recipe.</summary>
public sealed class SignedWebhookTests(SignedApiFixture api) : IClassFixture<SignedApiFixture>
{
    private static readonly DateTimeOffset Due = DateTimeOffset.Parse("2026-12-10T09:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Delivery_WithTwoSecrets_VerifiesWithEitherAndNotOnceTampered()
    {
        await api.CreateAsync(Json.Ada("signed"));
        api.Clock.Advance(Due - api.Clock.GetUtcNow());
        await api.AdvanceUntilAsync(() => api.Receiver.Received.Count > 0);

        var delivery = Assert.Single(api.Receiver.Received);
        var (id, timestamp, signature) = (delivery.Headers["webhook-id"], delivery.Headers["webhook-timestamp"], delivery.Headers["webhook-signature"]);
        Assert.Equal(("user:signed:birthday:2026", "user:signed:birthday:2026"), (id, delivery.IdempotencyKey));
        Assert.Equal("application/json; charset=utf-8", delivery.Headers["Content-Type"]);

        // Stamped by the service clock (here the host's fake one, months from the real now) when it was sent.
        Assert.InRange(long.Parse(timestamp, CultureInfo.InvariantCulture), Due.ToUnixTimeSeconds(), delivery.At.ToUnixTimeSeconds());
        Assert.Matches("^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$", signature);

        Assert.True(StandardWebhooksVerifier.Verify(SignedApiFixture.OldSecret, id, timestamp, signature, delivery.Body, delivery.At));
        Assert.True(StandardWebhooksVerifier.Verify(SignedApiFixture.NewSecret, id, timestamp, signature, delivery.Body, delivery.At));

        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(delivery.Body).Replace("Ada", "Eve", StringComparison.Ordinal));
        Assert.False(StandardWebhooksVerifier.Verify(SignedApiFixture.OldSecret, id, timestamp, signature, tampered, delivery.At));
        Assert.False(StandardWebhooksVerifier.Verify(SignedApiFixture.NewSecret, id, timestamp, signature, tampered, delivery.At));

        // The signed bytes are the payload as before: camelCase JSON.
        var body = JsonSerializer.Deserialize<JsonElement>(delivery.Body);
        Assert.Equal(("ada@example.com", "Hey, Ada Lovelace it's your birthday", id, "birthday", "2026-12-10T09:00:00Z"),
            (body.GetProperty("email").GetString(), body.GetProperty("message").GetString(), body.GetProperty("key").GetString(),
             body.GetProperty("kind").GetString(), body.GetProperty("dueUtc").GetString()));
    }

    [Fact]
    public void Logs_SayOnceThatWebhooksAreSigned_AndNeverThatTheyAreNot()
    {
        var notice = Assert.Single(api.Logs.Lines, l => l.Message.StartsWith("Webhooks are signed", StringComparison.Ordinal));

        Assert.Equal((LogLevel.Information, "Webhooks are signed (Standard Webhooks, HMAC-SHA256) with 2 secret(s)"), (notice.Level, notice.Message));
        Assert.DoesNotContain(api.Logs.Lines, l => l.Message.Contains("unsigned", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Lines, l => l.Message.Contains(SignedApiFixture.OldSecret[6..], StringComparison.Ordinal));
    }
}
