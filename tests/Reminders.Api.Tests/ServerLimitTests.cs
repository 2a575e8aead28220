using System.Net.Sockets;
using System.Text;

namespace Reminders.Api.Tests;

/// <summary>
/// Errors about the request itself rather than its body, through a real Kestrel socket (the test server skips
/// Kestrel's parser and limits): each is a problem document. What Kestrel refuses before any application code runs
/// (a target or headers past its own, higher limits) it answers itself, with the right status and no body.
/// </summary>
public sealed class ServerLimitTests(DevReceiverFixture api) : IClassFixture<DevReceiverFixture>
{
    [Fact]
    public async Task A_request_target_over_8KiB_is_a_414_problem()
    {
        var (status, type, body) = await SendRawAsync($"GET /api/v1/occurrences?kind={new string('k', 9 * 1024)} HTTP/1.1");

        Assert.Equal((414, "application/problem+json"), (status, type));
        Assert.Contains("8 KiB", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_over_32KiB_are_a_431_problem()
    {
        var (status, type, _) = await SendRawAsync("GET /health/live HTTP/1.1", $"X-Padding: {new string('p', 40 * 1024)}");

        Assert.Equal((431, "application/problem+json"), (status, type));
    }

    [Theory]
    [InlineData("/api/v1/users/a%01b", "path")]
    [InlineData("/api/v1/occurrences/user:ada:birthday:2027%1F/retry", "path")]
    [InlineData("/api/v1/occurrences?kind=%00", "kind")]
    [InlineData("/api/v1/users/%zz", "id")]
    [InlineData("/api/v1/users/%C3", "id")]
    public async Task A_bad_path_or_query_is_a_400_problem(string target, string field)
    {
        var (status, type, body) = await SendRawAsync($"GET {target} HTTP/1.1");

        Assert.Equal((400, "application/problem+json"), (status, type));
        Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
    }

    // Kestrel refuses a decoded NUL in the path itself (RequestRejectionReason.PathContainsNullCharacters), before
    // any middleware: the status is right, the body cannot be a problem document. A NUL in a query value does reach
    // the application and is a problem document (above).
    [Theory]
    [InlineData("/api/v1/users/a%00b")]
    [InlineData("/api/v1/occurrences/user:ada:birthday:2027%00/retry")]
    public async Task A_NUL_in_the_path_is_a_400_from_Kestrel(string target)
    {
        var (status, _, _) = await SendRawAsync($"GET {target} HTTP/1.1");

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task Past_Kestrels_own_limit_the_status_is_still_414()
    {
        var (status, _, _) = await SendRawAsync($"GET /api/v1/occurrences?kind={new string('k', 20 * 1024)} HTTP/1.1");

        Assert.Equal(414, status);
    }

    /// <summary>Sends one raw HTTP/1.1 request and reads the answer until the server closes the connection.</summary>
    private async Task<(int Status, string? ContentType, string Body)> SendRawAsync(string requestLine, params string[] headers)
    {
        var address = api.Client.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var request = new StringBuilder(requestLine).Append("\r\nHost: ").Append(address.Authority).Append("\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            request.Append(header).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();
        var head = answer.Split("\r\n\r\n", 2);
        var lines = head[0].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var type = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim().Split(';')[0]).FirstOrDefault();
        return (status, type, head.Length > 1 ? head[1] : "");
    }
}
