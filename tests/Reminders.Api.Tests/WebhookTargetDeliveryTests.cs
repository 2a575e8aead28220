using System.Net;
using System.Net.Http.Json;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>
/// The guard again at connect time, with the production rule on: a name that rebinds to loopback after validation is
/// refused before a byte is sent and the occurrence dead-letters; the operator's own loopback target still delivers.
/// </summary>
public sealed class WebhookTargetDeliveryTests(GuardedTargetsFixture api) : IClassFixture<GuardedTargetsFixture>
{
    [Fact]
    public async Task A_name_rebinding_to_loopback_after_validation_is_refused_at_connect_and_dead_letters()
    {
        await using var victim = await WebhookReceiver.StartAsync(api.Clock);
        api.Resolver.Stage("rebind.test", ["93.184.216.34"], ["127.0.0.1"]);

        var created = await api.Client.PostAsJsonAsync("/api/v1/schedules",
            api.OneShot("rebind", new UriBuilder(victim.Url) { Host = "rebind.test" }.Uri.ToString()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var occurrence = await api.ClosedOccurrenceAsync("rebind");

        Assert.Equal(("deadLettered", "permanentFailure", 1), (occurrence.GetProperty("status").GetString(), occurrence.GetProperty("reason").GetString(), occurrence.GetProperty("attempts").GetInt32()));
        Assert.StartsWith("target address 127.0.0.1 is not allowed (a loopback address, resolved from rebind.test)", occurrence.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Empty(victim.Received);
        Assert.DoesNotContain(api.Receiver.Received, r => r.IdempotencyKey!.StartsWith("schedule:rebind:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_operators_default_target_on_loopback_still_delivers()
    {
        var created = await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("operator-default", webhookUrl: null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var occurrence = await api.ClosedOccurrenceAsync("operator-default");

        Assert.Equal("delivered", occurrence.GetProperty("status").GetString());
        Assert.Contains(api.Receiver.Accepted, r => r.IdempotencyKey == occurrence.GetProperty("key").GetString());
    }
}
