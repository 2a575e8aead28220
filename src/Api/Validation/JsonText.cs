using System.Text.Json;

namespace Reminders.Api.Validation;

/// <summary>
/// Finds text a JSON body carries that is not Unicode: invalid UTF-8, or an escaped lone surrogate such as
/// <c>"\ud800"</c>. The parser accepts both and only fails when a string is read, so the whole document is checked
/// once, before any field is read, and the problem named by its path.
/// </summary>
public static class JsonText
{
    /// <summary>The path (<c>recipient.firstName</c>, <c>exdates[2]</c>) of the first string or member name that is not Unicode, or null.</summary>
    public static string? FindInvalid(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsValid(() => element.GetString()) ? null : Named(path);
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = member.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return Named(path);
                    }

                    if (HasLoneSurrogate(name))
                    {
                        return Named(path);
                    }

                    if (FindInvalid(member.Value, path.Length == 0 ? name : $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalid(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Named(string path) => path.Length == 0 ? "body" : path;

    private static bool IsValid(Func<string?> read)
    {
        try
        {
            // A lone surrogate escape decodes without error but cannot be encoded again: check the text too.
            return read() is not { } text || !HasLoneSurrogate(text);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
