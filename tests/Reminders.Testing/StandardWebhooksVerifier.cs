using System.Security.Cryptography;
using System.Text;

namespace Reminders.Testing;

/// <summary>
/// The receiver's recipe from the README ("Signed webhooks"), kept in step with it, so tests verify what we send
/// the way a receiver would. Linked into the domain tests too.
/// </summary>
public static class StandardWebhooksVerifier
{
    public static bool Verify(string secret, string id, string timestamp, string signatures, byte[] body, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, out var sent) || Math.Abs(now.ToUnixTimeSeconds() - sent) > 300)
        {
            return false; // stale or from the future: a replay, or a clock to fix
        }

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body];
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed)));
        return signatures.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
