using System.Net;
using Reminders.Grains.Delivery;

namespace Reminders.Domain.Tests.Delivery;

/// <summary>Every forbidden range, both edges where it matters, and IPv4 carried inside IPv6.</summary>
public sealed class TargetAddressesTests
{
    [Theory]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.255.255.255", "unspecified")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("100.64.0.0", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.0.0.8", "IETF protocol")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("192.88.99.1", "6to4 relay")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("203.0.113.9", "documentation")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.254", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    public void WhyForbidden_NonPublicIPv4_NamesTheRange(string address, string expected) =>
        Assert.Contains(expected, TargetAddresses.WhyForbidden(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("9.255.255.255")] // just below 10/8
    [InlineData("11.0.0.0")] // just above 10/8
    [InlineData("100.63.255.255")] // just below 100.64/10
    [InlineData("100.128.0.0")] // just above 100.64/10
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("172.15.255.255")] // just below 172.16/12
    [InlineData("172.32.0.0")] // just above 172.16/12
    [InlineData("192.0.1.1")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")] // just below multicast
    public void WhyForbidden_PublicIPv4_IsNull(string address) =>
        Assert.Null(TargetAddresses.WhyForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456:789a::1", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf:ffff::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("ff0e::101", "multicast")]
    [InlineData("64:ff9b:1::a00:1", "local-use NAT64")]
    [InlineData("100::1", "discard-only")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("2001::1", "IETF protocol")] // Teredo
    [InlineData("2001:2::1", "IETF protocol")] // benchmarking
    [InlineData("4000::1", "not a global unicast")]
    [InlineData("1::1", "not a global unicast")]
    public void WhyForbidden_NonGlobalIPv6_NamesTheRange(string address, string expected) =>
        Assert.Contains(expected, TargetAddresses.WhyForbidden(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("::ffff:127.0.0.1", "loopback address (127.0.0.1, IPv4-mapped)")]
    [InlineData("::ffff:169.254.169.254", "link-local address (169.254.169.254, IPv4-mapped)")]
    [InlineData("::ffff:10.0.0.1", "private address (10.0.0.1, IPv4-mapped)")]
    [InlineData("::127.0.0.1", "loopback address (127.0.0.1, IPv4-compatible)")]
    [InlineData("::192.168.0.1", "private address (192.168.0.1, IPv4-compatible)")]
    [InlineData("64:ff9b::7f00:1", "loopback address (127.0.0.1, NAT64)")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local address (169.254.169.254, NAT64)")]
    [InlineData("2002:7f00:1::1", "loopback address (127.0.0.1, 6to4)")]
    [InlineData("2002:c0a8:0101::", "private address (192.168.1.1, 6to4)")]
    [InlineData("2002:0a00:0001:ffff:ffff:ffff:ffff:ffff", "private address (10.0.0.1, 6to4)")]
    public void WhyForbidden_IPv4InsideIPv6_JudgesTheIPv4(string address, string expected) =>
        Assert.EndsWith(expected, TargetAddresses.WhyForbidden(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:82a::200e")]
    [InlineData("2000::1")]
    [InlineData("2001:200::1")] // just past 2001::/23
    [InlineData("3ffe::1")]
    [InlineData("::ffff:93.184.216.34")]
    [InlineData("64:ff9b::5db8:d822")] // NAT64 of 93.184.216.34
    [InlineData("2002:5db8:d822::1")] // 6to4 of 93.184.216.34
    public void WhyForbidden_GlobalIPv6_IsNull(string address) =>
        Assert.Null(TargetAddresses.WhyForbidden(IPAddress.Parse(address)));

    [Fact]
    public void WhyForbidden_ScopedLinkLocal_IsForbidden() =>
        Assert.Contains("link-local", TargetAddresses.WhyForbidden(IPAddress.Parse("fe80::1%2")), StringComparison.Ordinal);

    // What an attacker writes, what System.Uri makes of it (HttpClient connects to the URL's IdnHost), and the verdict:
    // Uri normalises decimal, hex, octal and short IPv4 forms before anything looks at the host.
    [Theory]
    [InlineData("http://2130706433/", "127.0.0.1")]
    [InlineData("http://0x7f.1/", "127.0.0.1")]
    [InlineData("http://0177.0.0.1/", "127.0.0.1")]
    [InlineData("http://127.1/", "127.0.0.1")]
    [InlineData("http://0x7f000001/", "127.0.0.1")]
    [InlineData("http://017700000001/", "127.0.0.1")]
    [InlineData("http://0x7f.0x0.0x0.0x1/", "127.0.0.1")]
    [InlineData("http://0/", "0.0.0.0")]
    [InlineData("http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254")]
    [InlineData("http://①②⑦.0.0.1/", "127.0.0.1")] // full-width digits, folded by IDN mapping
    [InlineData("http://[::ffff:7f00:1]/", "::ffff:127.0.0.1")]
    public void UriHost_OddIPv4Forms_NormaliseToTheAddressConnectedTo(string url, string expected)
    {
        var host = TargetHostPatterns.Normalize(new Uri(url).IdnHost);

        Assert.True(IPAddress.TryParse(host, out var address));
        Assert.Equal(IPAddress.Parse(expected), address);
        Assert.NotNull(TargetAddresses.WhyForbidden(address));
    }
}
