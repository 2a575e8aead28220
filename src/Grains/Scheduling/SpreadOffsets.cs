using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// Spreads a herd: each occurrence goes out at its due time plus an offset in [0, spread) derived from its key
/// alone, so every silo, every restart and every preview computes the same planned time. The offset is the first
/// 8 bytes of the key's SHA-256 (big-endian) modulo the spread in whole milliseconds (reminders keep
/// milliseconds); not <see cref="string.GetHashCode()"/>, which .NET randomizes per process.
/// </summary>
public static class SpreadOffsets
{
    /// <summary>The largest spread a schedule or kind may ask for.</summary>
    public static readonly Duration Max = Duration.FromHours(24);

    /// <summary>The offset of <paramref name="key"/> within <paramref name="spread"/>; zero when there is no spread.</summary>
    public static Duration OffsetOf(string key, Duration spread)
    {
        var millis = (ulong)Math.Floor(spread.TotalMilliseconds);
        if (millis == 0)
        {
            return Duration.Zero;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);

        // The modulo's bias is below 2^-37 for a day's milliseconds: far under anything a herd could show.
        return Duration.FromMilliseconds((long)(BinaryPrimitives.ReadUInt64BigEndian(hash) % millis));
    }

    /// <summary>When the occurrence <paramref name="key"/> due at <paramref name="due"/> is delivered under <paramref name="spread"/>.</summary>
    public static Instant Planned(string key, Instant due, Duration spread) => due + OffsetOf(key, spread);
}
