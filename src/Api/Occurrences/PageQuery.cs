using System.Globalization;
using NodaTime;
using Reminders.Grains.Ledger;

namespace Reminders.Api.Occurrences;

/// <summary>Reads the keyset paging parameters every list shares: <c>limit</c> and the opaque <c>after</c> token.</summary>
public static class PageQuery
{
    /// <summary>
    /// Reads <c>limit</c> (1 to <paramref name="maxLimit"/>, <paramref name="defaultLimit"/> when absent) and
    /// <c>after</c> (a previous page's <c>next</c>), adding an error per bad parameter.
    /// </summary>
    public static (int Limit, (Instant At, string Key)? After) Read(IQueryCollection query, int defaultLimit, int maxLimit, IDictionary<string, string[]> errors)
    {
        var limit = defaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= maxLimit))
        {
            errors["limit"] = [$"limit must be an integer from 1 to {maxLimit}."];
        }

        (Instant, string)? after = null;
        if (query["after"].ToString() is { Length: > 0 } token)
        {
            if (PageTokens.TryRead(token, out var position))
            {
                after = position;
            }
            else
            {
                errors["after"] = ["after must be the 'next' token of a previous page."];
            }
        }

        return (limit, after);
    }

    /// <summary>
    /// The page in rows read for <paramref name="limit"/> + 1, and the <c>after</c> token of the next page: the last
    /// row's position, when the extra row shows there is one.
    /// </summary>
    public static (List<OccurrenceRecord> Page, string? Next) Cut(IReadOnlyList<OccurrenceRecord> rows, int limit, Func<OccurrenceRecord, Instant> positionOf)
    {
        var page = rows.Take(limit).ToList();
        return (page, rows.Count > limit ? PageTokens.Create(positionOf(page[^1]), page[^1].Key) : null);
    }
}
