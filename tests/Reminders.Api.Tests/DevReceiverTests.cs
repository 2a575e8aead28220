using System.Net;
using System.Net.Http.Json;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>An API host on a real Kestrel port with no webhook configured delivers to its own development receiver.</summary>
public sealed class DevReceiverFixture : ApiFixture
{
    protected override ApiFactory CreateFactory()
    {
        var factory = new ApiFactory(Database, Clock, webhookUrl: null);
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return factory;
    }
}

public sealed class DevReceiverTests(DevReceiverFixture api) : IClassFixture<DevReceiverFixture>
{
    [Fact]
    public async Task WithoutAWebhookUrl_DeliveriesGoToTheBuiltInReceiver()
    {
        await api.CreateAsync(Json.Ada("dev-1"));

        api.Clock.Advance(DateTimeOffset.Parse("2026-12-10T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture) - api.Clock.GetUtcNow());
        var items = await Eventually.HoldsWithinAsync(async () => await CountAsync() > 0, TimeSpan.FromSeconds(20))
            ? await api.Client.GetFromJsonAsync<DevItems>("/dev/webhook")
            : throw new TimeoutException("The development receiver got nothing.");

        var item = Assert.Single(items!.Items, i => i.IdempotencyKey?.StartsWith("user:", StringComparison.Ordinal) == true);
        Assert.Equal(("user:dev-1:birthday:2026", false), (item.IdempotencyKey, item.Duplicate));
        Assert.Equal("Hey, Ada Lovelace it's your birthday", item.Body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DevReceiver_RecordsARepeatedKeyAsDuplicate()
    {
        for (var i = 0; i < 2; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/dev/webhook") { Content = JsonContent.Create(new { email = "x@example.com", message = "hi" }) };
            request.Headers.Add("Idempotency-Key", "manual-key");
            Assert.Equal(HttpStatusCode.OK, (await api.Client.SendAsync(request)).StatusCode);
        }

        var items = await api.Client.GetFromJsonAsync<DevItems>("/dev/webhook");
        Assert.Equal([true, false], items!.Items.Where(i => i.IdempotencyKey == "manual-key").Select(i => i.Duplicate));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'m', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'m', (byte)'"', (byte)':', (byte)'"', (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0', (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'\\', (byte)'u', (byte)'d', (byte)'c', (byte)'0', (byte)'0', (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    public async Task DevReceiver_RefusesABodyThatIsNotUnicode_AndKeepsListing(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var posted = await api.Client.PostAsync("/dev/webhook", content);
        var listed = await api.Client.GetAsync("/dev/webhook");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("application/problem+json", posted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    private async Task<int> CountAsync() =>
        (await api.Client.GetFromJsonAsync<DevItems>("/dev/webhook"))!.Items.Count(i => i.IdempotencyKey?.StartsWith("user:", StringComparison.Ordinal) == true);

    private sealed record DevItems(IReadOnlyList<DevItem> Items);

    private sealed record DevItem(string? IdempotencyKey, DateTimeOffset ReceivedUtc, System.Text.Json.JsonElement Body, bool Duplicate);
}
