using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
            OneShot("rebind", new UriBuilder(victim.Url) { Host = "rebind.test" }.Uri.ToString()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var occurrence = await ClosedOccurrenceAsync("rebind");

        Assert.Equal(("deadLettered", "permanentFailure", 1), (occurrence.GetProperty("status").GetString(), occurrence.GetProperty("reason").GetString(), occurrence.GetProperty("attempts").GetInt32()));
        Assert.StartsWith("target address 127.0.0.1 is not allowed (a loopback address, resolved from rebind.test)", occurrence.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Empty(victim.Received);
        Assert.DoesNotContain(api.Receiver.Received, r => r.IdempotencyKey!.StartsWith("schedule:rebind:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_operators_default_target_on_loopback_still_delivers()
    {
        var created = await api.Client.PostAsJsonAsync("/api/v1/schedules", OneShot("operator-default", webhookUrl: null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var occurrence = await ClosedOccurrenceAsync("operator-default");

        Assert.Equal("delivered", occurrence.GetProperty("status").GetString());
        Assert.Contains(api.Receiver.Accepted, r => r.IdempotencyKey == occurrence.GetProperty("key").GetString());
    }

    private async Task<JsonElement> ClosedOccurrenceAsync(string id)
    {
        JsonElement? closed = null;
        api.Clock.Advance(TimeSpan.FromMinutes(1));
        await api.AdvanceUntilAsync(async () =>
        {
            var items = (await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/schedules/{id}/occurrences"))).GetProperty("items");
            closed = items.GetArrayLength() > 0 && items[0].GetProperty("status").GetString() is "delivered" or "deadLettered" ? items[0] : null;
            return closed is not null;
        });
        return closed!.Value;
    }

    /// <summary>A one-shot schedule due a minute after the service clock's now.</summary>
    private object OneShot(string id, string? webhookUrl) => new
    {
        id,
        kind = "custom",
        timezone = "UTC",
        start = api.Clock.GetUtcNow().AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:00", CultureInfo.InvariantCulture),
        recipient = new { firstName = "Ada" },
        message = "Hi {firstName}",
        webhookUrl,
    };
}
