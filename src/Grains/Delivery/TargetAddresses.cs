using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Reminders.Grains.Delivery;

/// <summary>
/// Which IP addresses a client-supplied webhook target may reach: public unicast only. Loopback, private (RFC 1918,
/// IPv6 ULA), link-local (which holds cloud metadata services), shared CGNAT, unspecified, multicast, broadcast,
/// documentation, benchmarking and other reserved ranges are forbidden. An IPv4 address carried inside an IPv6 one
/// (IPv4-mapped, IPv4-compatible, NAT64 <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>) is judged as that IPv4 address,
/// because that is where the packets end up.
/// </summary>
public static class TargetAddresses
{
    private static readonly (uint Network, int Prefix, string What)[] ForbiddenV4 =
    [
        (V4(0, 0, 0, 0), 8, "an unspecified (\"this network\") address"),
        (V4(10, 0, 0, 0), 8, "a private address"),
        (V4(100, 64, 0, 0), 10, "a shared (carrier-grade NAT) address"),
        (V4(127, 0, 0, 0), 8, "a loopback address"),
        (V4(169, 254, 0, 0), 16, "a link-local address"),
        (V4(172, 16, 0, 0), 12, "a private address"),
        (V4(192, 0, 0, 0), 24, "an IETF protocol assignment"),
        (V4(192, 0, 2, 0), 24, "a documentation address"),
        (V4(192, 88, 99, 0), 24, "a 6to4 relay address"),
        (V4(192, 168, 0, 0), 16, "a private address"),
        (V4(198, 18, 0, 0), 15, "a benchmarking address"),
        (V4(198, 51, 100, 0), 24, "a documentation address"),
        (V4(203, 0, 113, 0), 24, "a documentation address"),
        (V4(224, 0, 0, 0), 4, "a multicast address"),
        (V4(255, 255, 255, 255), 32, "the broadcast address"),
        (V4(240, 0, 0, 0), 4, "a reserved address"),
    ];

    // Inside 2000::/3, the only block from which global unicast is allocated; everything outside it is refused.
    private static readonly (UInt128 Network, int Prefix, string What)[] ForbiddenGlobalV6 =
    [
        (V6(0x2001_0db8), 32, "a documentation address"),
        (V6(0x2001_0000), 23, "an IETF protocol assignment (Teredo, benchmarking, ORCHID)"),
        (V6(0x3fff_0000), 20, "a documentation address"),
    ];

    private static readonly (UInt128 Network, int Prefix, string What)[] NonGlobalV6 =
    [
        (V6(0xfc00_0000), 7, "a unique local (private) address"),
        (V6(0xfe80_0000), 10, "a link-local address"),
        (V6(0xfec0_0000), 10, "a site-local address"),
        (V6(0xff00_0000), 8, "a multicast address"),
        (V6(0x0064_ff9b, 0x0001_0000), 48, "a local-use NAT64 address"),
        (V6(0x0100_0000), 64, "a discard-only address"),
    ];

    /// <summary>Why <paramref name="address"/> may not be reached for a client (such as "a loopback address"), or null when it may.</summary>
    public static string? WhyForbidden(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => WhyForbiddenV4(BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())),
        AddressFamily.InterNetworkV6 => WhyForbiddenV6(BinaryPrimitives.ReadUInt128BigEndian(address.GetAddressBytes())),
        _ => "not an IP address",
    };

    private static string? WhyForbiddenV4(uint address) =>
        ForbiddenV4.FirstOrDefault(r => InRange(address, r.Network, r.Prefix)).What;

    private static string? WhyForbiddenV6(UInt128 address)
    {
        if (address == UInt128.Zero)
        {
            return "an unspecified address";
        }

        if (address == UInt128.One)
        {
            return "a loopback address";
        }

        if (Embedded(address) is (var v4, var how))
        {
            return WhyForbiddenV4(v4) is { } why ? $"{why} ({ToAddress(v4)}, {how})" : null;
        }

        if (!InRange(address, V6(0x2000_0000), 3))
        {
            return NonGlobalV6.FirstOrDefault(r => InRange(address, r.Network, r.Prefix)).What ?? "not a global unicast address";
        }

        return ForbiddenGlobalV6.FirstOrDefault(r => InRange(address, r.Network, r.Prefix)).What;
    }

    /// <summary>The IPv4 address an IPv6 address carries, and how, for the forms that route to it.</summary>
    private static (uint V4, string How)? Embedded(UInt128 address)
    {
        var low32 = (uint)(address & uint.MaxValue);
        return address switch
        {
            _ when address >> 32 == 0xffff => (low32, "IPv4-mapped"),
            _ when address >> 32 == 0 => (low32, "IPv4-compatible"),
            _ when address >> 32 == V6(0x0064_ff9b) >> 32 => (low32, "NAT64"),
            _ when address >> 112 == 0x2002 => ((uint)(address >> 80), "6to4"),
            _ => null,
        };
    }

    private static bool InRange(uint address, uint network, int prefix) =>
        prefix == 0 || (address ^ network) >> (32 - prefix) == 0;

    private static bool InRange(UInt128 address, UInt128 network, int prefix) =>
        prefix == 0 || (address ^ network) >> (128 - prefix) == UInt128.Zero;

    private static IPAddress ToAddress(uint v4)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, v4);
        return new IPAddress(bytes);
    }

    private static uint V4(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);

    private static UInt128 V6(uint high32, uint next32 = 0) => new((ulong)high32 << 32 | next32, 0);
}
