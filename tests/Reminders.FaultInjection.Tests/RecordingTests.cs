using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reminders.Testing;

namespace Reminders.FaultInjection.Tests;

/// <summary>What the receiver records of each request, what it serves about them, and where it listens.</summary>
public sealed class RecordingTests : IDisposable
{
    private static readonly DateTimeOffset ServiceNow = new(2027, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Post_AnyPath_IsRecordedWithItsHeadersBodyAndServiceTime()
    {
        var clock = new FakeTimeProvider(ServiceNow);
        await using var receiver = await FaultyReceiver.StartAsync(FaultProfile.None, clock: clock);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(receiver.BaseAddress, "hooks/reminders"))
        {
            Content = new StringContent("""{"message":"Hey, Ada"}""", Encoding.UTF8, "application/json"),
            Headers = { { FaultyReceiver.IdempotencyKeyHeader, "user:ada:birthday:2027" }, { FaultyReceiver.WebhookIdHeader, "msg_1" } },
        };

        using var response = await _client.SendAsync(request);

        Assert.Equal(
            new RecordedRequest(
                1, "/hooks/reminders", "user:ada:birthday:2027", "msg_1", ServiceNow, FaultOutcome.Ok, RequestState.Answered, 200, """{"message":"Hey, Ada"}"""),
            receiver.Received.Single());
    }

    [Fact]
    public async Task GetRequests_ServesTheSummaryAndTheLog()
    {
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile { Seed = 3 });
        await Webhooks.StatusAsync(_client, receiver.Url, "a");
        await Webhooks.StatusAsync(_client, receiver.Url, "a");
        await Webhooks.StatusAsync(_client, receiver.Url, null);

        using var summary = JsonDocument.Parse(await _client.GetStringAsync(new Uri(receiver.BaseAddress, "requests")));
        var log = await _client.GetFromJsonAsync<JsonElement[]>(new Uri(receiver.BaseAddress, "requests/all"));

        Assert.NotNull(log);
        var root = summary.RootElement;
        Assert.Equal(
            (3, 0, 1, 1, 3, 1, 1, 1, 0),
            (root.GetProperty("received").GetInt32(), root.GetProperty("pending").GetInt32(), root.GetProperty("acceptedKeys").GetInt32(),
                root.GetProperty("duplicateAcceptances").GetInt32(), root.GetProperty("seed").GetInt32(),
                root.GetProperty("outcomes").GetProperty("Ok").GetInt32(), root.GetProperty("outcomes").GetProperty("Duplicate").GetInt32(),
                root.GetProperty("outcomes").GetProperty("MissingKey").GetInt32(), root.GetProperty("outcomes").GetProperty("Error").GetInt32()));
        Assert.Equal(["Ok", "Duplicate", "MissingKey"], log.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal("a", log[0].GetProperty("idempotencyKey").GetString());
    }

    [Fact]
    public async Task StartAsync_GivenAPort_ListensOnItOnLoopbackOnly()
    {
        var port = FreeTcpPort.Next();

        await using var receiver = await FaultyReceiver.StartAsync(FaultProfile.None, port: port);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/webhook"), receiver.Url);
        Assert.Equal(200, await Webhooks.StatusAsync(_client, receiver.Url, "k"));
    }

    [Fact]
    public async Task StartAsync_PortTaken_ThrowsIOException()
    {
        await using var first = await FaultyReceiver.StartAsync(FaultProfile.None);

        await Assert.ThrowsAsync<IOException>(() => FaultyReceiver.StartAsync(FaultProfile.None, port: first.Url.Port));
    }
}
