using System.Buffers;
using System.Globalization;
using System.Text;

namespace Reminders.Api.Validation;

/// <summary>
/// What client text may contain. Stored text ends up in PostgreSQL (which refuses NUL), in webhook bodies and in
/// operators' screens, so every free-text field refuses NUL and the other C0/C1 controls, lone surrogates,
/// noncharacters and unassigned code points. Tab, line feed and carriage return are allowed only where a line
/// break is content (<c>message</c> and recipient values: a multi-line message or address is legitimate).
/// Display names also refuse the bidi embedding, override and isolate controls (U+202A-202E, U+2066-2069),
/// which can make a name read as something else, and must show at least one letter, digit or symbol.
/// </summary>
public static class TextRules
{
    /// <summary>Why <paramref name="text"/> is refused as free text, as a phrase following the field's name, or null.</summary>
    public static string? Problem(string text, bool multiline)
    {
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done)
            {
                return "must be valid Unicode text (it has an unpaired surrogate).";
            }

            span = span[consumed..];
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Control when multiline && rune.Value is '\t' or '\n' or '\r':
                    break;
                case UnicodeCategory.Control:
                    return $"must not contain control characters (found U+{rune.Value:X4}).";
                case UnicodeCategory.OtherNotAssigned:
                    return $"must not contain noncharacters or unassigned code points (found U+{rune.Value:X4}).";
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="name"/> is refused as a display name (single line, no bidi controls, something visible), or null.</summary>
    public static string? NameProblem(string name)
    {
        if (Problem(name, multiline: false) is { } problem)
        {
            return problem;
        }

        if (name.EnumerateRunes().FirstOrDefault(IsBidiControl) is { Value: not 0 } bidi)
        {
            return $"must not contain bidirectional embedding, override or isolate controls (found U+{bidi.Value:X4}).";
        }

        return name.EnumerateRunes().Any(IsVisible) ? null : "must contain at least one visible letter, digit or symbol.";
    }

    private static bool IsBidiControl(Rune rune) => rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;

    private static bool IsVisible(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
        _ => false,
    };
}
