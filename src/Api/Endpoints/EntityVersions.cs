using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Reminders.Api.Endpoints;

/// <summary>Versions on the wire: the <c>ETag</c> a read returns and the <c>If-Match</c> a replace may send.</summary>
public static class EntityVersions
{
    /// <summary>Accepts <c>"3"</c>, <c>W/"3"</c>, <c>3</c> or <c>*</c> (any version); no header means no precondition.</summary>
    public static bool TryReadIfMatch(HttpRequest request, out int? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (int.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            version = parsed;
            return true;
        }

        return false;
    }

    public static void SetETag(HttpContext context, int version) =>
        context.Response.Headers[HeaderNames.ETag] = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
}
