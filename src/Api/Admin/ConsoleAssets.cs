namespace Reminders.Api.Admin;

/// <summary>
/// The console's stylesheet and script, embedded in this assembly: nothing to deploy beside the binary, nothing
/// fetched from a CDN, and the same files whether the host runs from the build output, a test or a container.
/// </summary>
public sealed class ConsoleAssets
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["console.css"] = "text/css; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
    };

    private readonly Dictionary<string, byte[]> _files = [];

    public ConsoleAssets()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        foreach (var name in ContentTypes.Keys)
        {
            using var stream = assembly.GetManifestResourceStream("Reminders.Api.Admin.Assets." + name)
                ?? throw new InvalidOperationException($"The console asset {name} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            _files[name] = copy.ToArray();
        }
    }

    public IResult Serve(string name) =>
        _files.TryGetValue(name, out var bytes) ? TypedResults.Bytes(bytes, ContentTypes[name]) : TypedResults.NotFound();
}
