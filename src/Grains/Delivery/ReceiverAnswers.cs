using System.Net.Http.Headers;
using System.Text;

namespace Reminders.Grains.Delivery;

/// <summary>
/// What a receiver's answer means for the retry loop: 2xx delivered; 408, 409 (the same key is still in
/// progress there), 429 and 5xx transient; every other status permanent, so a bad target is not hammered.
/// </summary>
public static class ReceiverAnswers
{
    /// <summary>How much of a failed answer's body is kept with the occurrence.</summary>
    public const int MaxBodyBytes = 1024;

    // A Retry-After beyond this is read as a misconfigured receiver, not an instruction.
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    public static bool IsPermanent(int status) =>
        status is >= 300 and < 500 and not (408 or 409 or 429);

    /// <summary>The wait a 429 or 503 asks for, as seconds or an HTTP date relative to <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(int status, RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (status is not (429 or 503) || header is null)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - now : null);
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, MaxRetryAfter.Ticks)) : null;
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/> of the body, as text that can be stored (<see cref="Storable"/>).</summary>
    public static async Task<string?> ReadBodyStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyBytes];
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false) is var n and > 0)
        {
            read += n;
        }

        // Invalid UTF-8 (or a character cut at the limit) decodes to U+FFFD.
        return read == 0 ? null : Storable(Encoding.UTF8.GetString(buffer, 0, read));
    }

    /// <summary>
    /// A receiver's text as the ledger can store it: PostgreSQL refuses NUL in text, and one stored NUL would fail
    /// the outcome's write on every attempt (and every listing of the occurrence), so NUL becomes U+FFFD.
    /// </summary>
    public static string Storable(string text) => text.Replace('\0', '\uFFFD');
}
