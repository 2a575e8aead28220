using System.Buffers.Text;
using System.Globalization;
using System.Text;
using NodaTime;
using Reminders.Api.Validation;

namespace Reminders.Api.Occurrences;

/// <summary>The opaque <c>after</c> token of keyset pages: the last row's closing instant and key.</summary>
public static class PageTokens
{
    public static string Create(Instant closedAt, string key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{closedAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture)}|{key}"));

    public static bool TryRead(string token, out (Instant ClosedAt, string Key) position)
    {
        position = default;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            // The key goes into a query as text, which PostgreSQL refuses with NUL in it.
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
                && LedgerInstants.ContainsUnixTicks(ticks) && TextRules.Problem(text[(bar + 1)..], multiline: false) is null)
            {
                position = (Instant.FromUnixTimeTicks(ticks), text[(bar + 1)..]);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
