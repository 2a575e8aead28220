namespace Reminders.Benchmarks;

/// <summary><c>--name value</c>, <c>--name=value</c> and <c>--flag</c> arguments.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    public static Arguments Parse(IEnumerable<string> args)
    {
        var parsed = new Arguments();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{list[i]}'.");
            }

            var name = list[i][2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                parsed._values[name[..equals]] = name[(equals + 1)..];
            }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                parsed._values[name] = list[++i];
            }
            else
            {
                parsed._values[name] = null;
            }
        }

        return parsed;
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && value is not null ? value : throw new ArgumentException($"--{name} is required.");

    public string? Optional(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public bool Flag(string name) => _values.ContainsKey(name);

    public int Number(string name, int fallback) => Optional(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
