using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Reminders.Api.Endpoints;

/// <summary>Versions on the wire: the <c>ETag</c> a read returns and the <c>If-Match</c> a write may send.</summary>
public static class EntityVersions
{
    /// <summary>
    /// Reads <c>If-Match</c>: null versions when absent or <c>*</c> (no precondition); otherwise the versions its strong
    /// tags name (<c>"3"</c>, a list <c>"3", "4"</c>, or a bare <c>3</c> as earlier releases accepted). If-Match
    /// compares strongly (RFC 9110 §13.1.1), so a weak tag (<c>W/"3"</c>) never matches: a list of only weak tags
    /// is an empty list, a precondition no version meets. False for a header that is not a list of entity tags, or
    /// whose strong tag is not a version of ours.
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out IReadOnlyList<int>? versions)
    {
        versions = null;
        var values = request.Headers.IfMatch;
        var header = values.ToString().Trim();
        if (header.Length == 0)
        {
            return true;
        }

        if (TryParseVersion(header, out var bare))
        {
            versions = [bare];
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count == 0)
        {
            return false;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return true;
        }

        var strong = new List<int>();
        foreach (var tag in tags.Where(t => !t.IsWeak))
        {
            if (!TryParseVersion(tag.Tag.ToString().Trim('"'), out var version))
            {
                return false;
            }

            strong.Add(version);
        }

        versions = strong;
        return true;
    }

    /// <summary>
    /// The one version to hand the grain, which checks it atomically with the write: null for no precondition, 0
    /// (never a version) when no tag can match, the tag itself when there is one, and for a list the current version
    /// when listed (read by <paramref name="current"/>; a change since is caught by the grain's own check).
    /// </summary>
    public static async Task<int?> ExpectedAsync(IReadOnlyList<int>? versions, Func<Task<int?>> current) => versions switch
    {
        null => null,
        [] => 0,
        [var only] => only,
        _ => await current() is { } now && versions.Contains(now) ? now : versions[0],
    };

    public static void SetETag(HttpContext context, int version) =>
        context.Response.Headers[HeaderNames.ETag] = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static bool TryParseVersion(string text, out int version) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
}
