using System.Text;
using System.Text.RegularExpressions;

namespace Reminders.Grains.Scheduling;

/// <summary>Renders <c>{name}</c> placeholders from a set of values; <c>{{</c> and <c>}}</c> are literal braces.</summary>
public static partial class MessageTemplate
{
    /// <summary>
    /// The most UTF-8 bytes a rendered message may have: it is stored in every occurrence's ledger row and sent in
    /// every webhook body, so a short template with many long values must not multiply into megabytes.
    /// </summary>
    public const int MaxRenderedBytes = 64 * 1024;

    /// <summary>The placeholder names used in <paramref name="template"/>.</summary>
    public static IReadOnlyList<string> Placeholders(string template) =>
        [.. PlaceholderPattern().Matches(template).Where(m => m.Groups["name"].Success).Select(m => m.Groups["name"].Value).Distinct()];

    /// <summary>Replaces each placeholder with its value; a placeholder with no value is an error.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var result = new StringBuilder(template.Length + 32);
        var last = 0;
        foreach (Match match in PlaceholderPattern().Matches(template))
        {
            result.Append(template, last, match.Index - last);
            if (match.Groups["name"].Success)
            {
                var name = match.Groups["name"].Value;
                result.Append(values.TryGetValue(name, out var value)
                    ? value
                    : throw new KeyNotFoundException($"The template placeholder {{{name}}} has no value."));
            }
            else
            {
                result.Append(match.Value[0]);
            }

            last = match.Index + match.Length;
        }

        return result.Append(template, last, template.Length - last).ToString();
    }

    /// <summary>
    /// The UTF-8 size of <see cref="Render"/>'s result, without building it (a placeholder with no value counts
    /// as nothing), so a template that would expand to megabytes costs no more than its own length to measure.
    /// </summary>
    public static long RenderedBytes(string template, IReadOnlyDictionary<string, string> values)
    {
        long bytes = 0;
        var last = 0;
        foreach (var match in PlaceholderPattern().EnumerateMatches(template))
        {
            bytes += Encoding.UTF8.GetByteCount(template.AsSpan(last, match.Index - last));
            bytes += match.Length == 2
                ? 1
                : values.TryGetValue(template.Substring(match.Index + 1, match.Length - 2), out var value) ? Encoding.UTF8.GetByteCount(value) : 0;
            last = match.Index + match.Length;
        }

        return bytes + Encoding.UTF8.GetByteCount(template.AsSpan(last));
    }

    [GeneratedRegex(@"\{\{|\}\}|\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex PlaceholderPattern();
}
