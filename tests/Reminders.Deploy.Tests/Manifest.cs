using System.Text.RegularExpressions;

namespace Reminders.Deploy.Tests;

/// <summary>One document of a rendered YAML stream, read with patterns: enough for kinds, names and fields.</summary>
internal sealed partial record Manifest(string Kind, string Name, string Text)
{
    public static IReadOnlyList<Manifest> Parse(string stream) =>
        [.. DocumentSeparator().Split(stream)
            .Where(text => !string.IsNullOrWhiteSpace(text))
            .Select(text => new Manifest(RootKind().Match(text).Groups[1].Value, MetadataName().Match(text).Groups[1].Value, text))];

    /// <summary>The integer after <c>key:</c> at any depth; fails the test when the key is absent.</summary>
    public int Integer(string key)
    {
        var match = Regex.Match(Text, $@"^\s*{Regex.Escape(key)}:\s*""?(\d+)""?\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{Kind} {Name} has no '{key}'.");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The lines nested under the first <c>key:</c>, at any depth; fails the test when the key is absent.</summary>
    public string Block(string key)
    {
        var lines = Text.Split('\n');
        var at = Array.FindIndex(lines, line => line.TrimStart() == key + ":");
        Assert.True(at >= 0, $"{Kind} {Name} has no '{key}'.");
        var indent = Depth(lines[at]);
        return string.Join('\n', lines.Skip(at + 1)
            // Deeper lines, and a sequence's items, which YAML may write at the key's own depth.
            .TakeWhile(line => Depth(line) > indent || (Depth(line) == indent && line.TrimStart().StartsWith("- ", StringComparison.Ordinal)))
            .Select(line => line.Trim()));
    }

    private static int Depth(string line) => line.Length - line.TrimStart().Length;

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^kind: (\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RootKind();

    [GeneratedRegex(@"^  name: (\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex MetadataName();
}
