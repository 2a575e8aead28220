using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Reminders.Api.Occurrences;
using Reminders.Api.Validation;
using Reminders.Grains.Catalog;

namespace Reminders.Api.Catalog;

/// <summary>Reads <c>?q=&amp;kind=&amp;zone=&amp;paused=&amp;dueFrom=&amp;dueTo=&amp;hasDeadLetters=&amp;limit=&amp;after=</c> into a catalog query.</summary>
public sealed class CatalogQueryReader(TimeZoneIds zones)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public const int MaxTextLength = 100;

    /// <summary>The query, or null with an error per bad parameter.</summary>
    public EntityCatalogQuery? Read(string entityType, IQueryCollection query, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var limit = DefaultLimit;
        if (Given(query, "limit") is { } limitText
            && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            errors["limit"] = [$"limit must be an integer from 1 to {MaxLimit}."];
        }

        string? after = null;
        if (Given(query, "after") is { } token)
        {
            if (CatalogPageToken.TryRead(token, out var id))
            {
                after = id;
            }
            else
            {
                errors["after"] = ["after must be the 'next' token of a previous page."];
            }
        }

        var text = Text(query, "q", errors);
        var kind = Text(query, "kind", errors);
        string? zone = null;
        if (Given(query, "zone") is { } zoneText)
        {
            if (zones.TryResolve(zoneText, out var resolved, out var error))
            {
                zone = resolved;
            }
            else
            {
                errors["zone"] = [error];
            }
        }

        var paused = Boolean(query, "paused", errors);
        var hasDeadLetters = Boolean(query, "hasDeadLetters", errors);
        var dueFrom = Instant(query, "dueFrom", errors);
        var dueTo = Instant(query, "dueTo", errors);
        if (dueFrom is { } from && dueTo is { } to && from >= to)
        {
            errors["dueTo"] = ["dueTo must be after dueFrom."];
        }

        return errors.Count > 0
            ? null
            : new EntityCatalogQuery(entityType, limit, after, text, kind, zone, paused, dueFrom, dueTo, hasDeadLetters);
    }

    private static string? Text(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Given(query, name) is not { } text)
        {
            return null;
        }

        if (text.Length > MaxTextLength)
        {
            errors[name] = [$"{name} must be at most {MaxTextLength} characters."];
            return null;
        }

        if (TextRules.Problem(text, multiline: false) is { } problem)
        {
            errors[name] = [$"{name}: {problem}"];
            return null;
        }

        return text;
    }

    private static bool? Boolean(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        switch (Given(query, name))
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                errors[name] = [$"{name} must be true or false."];
                return null;
        }
    }

    private static Instant? Instant(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Given(query, name) is not { } text)
        {
            return null;
        }

        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed && LedgerInstants.Contains(parsed.Value))
        {
            return parsed.Value;
        }

        errors[name] = [$"{name} must be an instant in UTC such as 2027-03-01T09:00:00Z."];
        return null;
    }

    private static string? Given(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value ? value : null;
}
