using System.Net;
using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary>
/// A schedule's webhookUrl may not reach the service's own network: every form of an internal address is refused with
/// a 400 naming webhookUrl, on create, replace and preview, and nothing is stored.
/// </summary>
public sealed class WebhookTargetValidationTests(GuardedTargetsFixture api) : IClassFixture<GuardedTargetsFixture>
{
    public static TheoryData<string, string> ForbiddenTargets => new()
    {
        // the URL, a fragment of the problem's message
        { "http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address" },
        { "http://127.0.0.1:54329/", "127.0.0.1 is a loopback address" },
        { "http://[::1]/", "::1 is a loopback address" },
        { "http://0.0.0.0/", "0.0.0.0 is an unspecified" },
        { "http://10.0.0.1/", "10.0.0.1 is a private address" },
        { "http://172.16.5.4/", "a private address" },
        { "http://192.168.1.1/", "a private address" },
        { "http://100.64.0.1/", "carrier-grade NAT" },
        { "http://[fd00::1]/", "unique local" },
        { "http://[fe80::1]/", "link-local" },
        { "http://224.0.0.1/", "multicast" },
        { "http://255.255.255.255/", "broadcast" },
        { "http://198.18.0.1/", "benchmarking" },
        { "http://2130706433/", "127.0.0.1 is a loopback address" },
        { "http://0x7f.1/", "127.0.0.1 is a loopback address" },
        { "http://0177.0.0.1/", "127.0.0.1 is a loopback address" },
        { "http://127.1/", "127.0.0.1 is a loopback address" },
        { "http://[::ffff:127.0.0.1]/", "(127.0.0.1, IPv4-mapped)" },
        { "http://[64:ff9b::a9fe:a9fe]/", "(169.254.169.254, NAT64)" },
        { "http://[2002:7f00:1::]/", "(127.0.0.1, 6to4)" },
        { "http://localhost:8080/api/v1/schedules/other/pause", "localhost resolves to 127.0.0.1, a loopback address" },
        { "http://metadata.test/latest/meta-data/", "metadata.test resolves to 169.254.169.254, a link-local address" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenTargets))]
    public async Task Create_with_an_internal_webhookUrl_returns_400_and_stores_nothing(string url, string fragment)
    {
        var rows = await api.StoredRowsAsync();

        await AssertRefusedAsync(await api.Client.PostAsJsonAsync("/api/v1/schedules", Schedule("ssrf-create", url)), fragment);
        Assert.Equal(rows, await api.StoredRowsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/api/v1/schedules/ssrf-create")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(ForbiddenTargets))]
    public async Task Preview_with_an_internal_webhookUrl_returns_400(string url, string fragment) =>
        await AssertRefusedAsync(await api.Client.PostAsJsonAsync("/api/v1/schedules/preview", Schedule(null, url)), fragment);

    [Theory]
    [MemberData(nameof(ForbiddenTargets))]
    public async Task Replace_with_an_internal_webhookUrl_returns_400_and_keeps_the_schedule(string url, string fragment)
    {
        await api.Client.PostAsJsonAsync("/api/v1/schedules", Schedule("ssrf-replace", "https://hooks.example.com/in"));
        var rows = await api.StoredRowsAsync();

        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/schedules/ssrf-replace") { Content = JsonContent.Create(Schedule("ssrf-replace", url)) };
        await AssertRefusedAsync(await api.Client.SendAsync(request), fragment);

        Assert.Equal(rows, await api.StoredRowsAsync());
        var stored = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/ssrf-replace"));
        Assert.Equal(("https://hooks.example.com/in", 1), (stored.GetProperty("webhookUrl").GetString(), stored.GetProperty("version").GetInt32()));
    }

    [Theory]
    [InlineData("https://93.184.216.34/hook")]
    [InlineData("https://[2606:2800:220:1:248:1893:25c8:1946]/hook")]
    [InlineData("https://hooks.example.com/hook")] // does not resolve here: the connect-time check decides
    public async Task A_public_webhookUrl_is_accepted(string url)
    {
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsJsonAsync("/api/v1/schedules/preview", Schedule(null, url))).StatusCode);
        var created = await api.Client.PostAsJsonAsync("/api/v1/schedules", Schedule(null, url));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new Uri(url), new Uri((await Json.ReadAsync(created)).GetProperty("webhookUrl").GetString()!));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string fragment)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var message = Assert.Single((await Json.ReadAsync(response)).GetProperty("errors").GetProperty("webhookUrl").EnumerateArray()).GetString()!;
        Assert.StartsWith("webhookUrl must not point at a private or internal address: ", message, StringComparison.Ordinal);
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    // Far in the future, so nothing created here is ever attempted while this class runs.
    private static object Schedule(string? id, string webhookUrl) => new
    {
        id,
        kind = "custom",
        timezone = "UTC",
        start = "2030-01-07T09:00:00",
        rrule = "FREQ=WEEKLY",
        recipient = new { firstName = "Ada" },
        message = "Hi {firstName}",
        webhookUrl,
    };
}
