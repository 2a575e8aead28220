namespace Reminders.Api.Admin;

/// <summary>
/// Live lists: each page marks its lists with <c>data-live</c>, the URL of a handler that renders just that part;
/// <c>console.js</c> fetches it every few seconds and swaps it in, keeping ticked boxes ticked.
/// </summary>
public static class Live
{
    /// <summary>How often a page refreshes its lists, in milliseconds (the issue asks for at most 5 s).</summary>
    public const int EveryMilliseconds = 3000;

    /// <summary>The current page and query, with <c>handler=Fragment</c>.</summary>
    public static string FragmentUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query.Where(q => q.Key != "handler").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return request.Path + QueryString.Create(query).Add("handler", "Fragment").ToUriComponent();
    }
}
