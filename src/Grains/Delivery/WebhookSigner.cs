using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Reminders.Grains.Delivery;

/// <summary>
/// Signs webhook requests in the Standard Webhooks scheme (https://www.standardwebhooks.com): base64 HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> under each configured secret, all sent in one header, so that while
/// secrets rotate a receiver holding either the old or the new one verifies.
/// </summary>
public sealed class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary>The spec's minimum key size (192 bits).</summary>
    public const int MinimumKeyBytes = 24;

    private readonly byte[][] _keys;
    private readonly TimeProvider _clock;

    public WebhookSigner(IOptions<DeliveryOptions> options, TimeProvider clock)
    {
        // Startup validation has refused bad secrets already; this guards a host that skipped it.
        _keys = [.. options.Value.SigningSecrets.Select((secret, i) => TryDecodeSecret(secret, out var key)
            ? key
            : throw new InvalidOperationException($"{DeliveryOptions.SectionName}:SigningSecrets:{i} is not a valid signing secret."))];
        _clock = clock;
    }

    /// <summary>How many secrets each request is signed with; 0 means requests go unsigned.</summary>
    public int SecretCount => _keys.Length;

    /// <summary>
    /// The headers for one attempt to send exactly <paramref name="body"/> under <paramref name="id"/>, stamped
    /// with the service clock (a travelling clock's time, when time travels), or null when no secret is configured.
    /// </summary>
    public WebhookSignature? Sign(string id, ReadOnlySpan<byte> body)
    {
        if (_keys.Length == 0)
        {
            return null;
        }

        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var content = SignedContent(id, timestamp, body);
        var signatures = _keys.Select(key => "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content)));
        return new WebhookSignature(id, timestamp, string.Join(' ', signatures));
    }

    /// <summary>Reads a <c>whsec_</c> secret: the HMAC key is the base64-decoded part after the prefix.</summary>
    public static bool TryDecodeSecret(string? secret, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = secret.AsSpan(SecretPrefix.Length);
        var buffer = new byte[encoded.Length * 3 / 4];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written) || written < MinimumKeyBytes)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    private static byte[] SignedContent(string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return content;
    }
}
