using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests;

/// <summary>Message templates: named placeholders, doubled braces as literals, no silent blanks.</summary>
public sealed class MessageTemplateTests
{
    private static readonly Dictionary<string, string> Ada = new()
    {
        ["firstName"] = "Ada",
        ["lastName"] = "Lovelace",
        ["email"] = "ada@example.com",
    };

    [Theory]
    [InlineData("Hey, {firstName} {lastName} it's your birthday", "Hey, Ada Lovelace it's your birthday")]
    [InlineData("{email}", "ada@example.com")]
    [InlineData("{firstName}{firstName}", "AdaAda")]
    [InlineData("no placeholders", "no placeholders")]
    [InlineData("", "")]
    [InlineData("{{firstName}}", "{firstName}")]
    [InlineData("{{{firstName}}}", "{Ada}")]
    [InlineData("a {{ b }} c", "a { b } c")]
    [InlineData("lone } and { stay", "lone } and { stay")]
    [InlineData("{not a placeholder}", "{not a placeholder}")]
    public void Render_Template_ReplacesPlaceholdersAndUnescapesBraces(string template, string expected) =>
        Assert.Equal(expected, MessageTemplate.Render(template, Ada));

    [Fact]
    public void Render_UnknownPlaceholder_ThrowsKeyNotFound()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => MessageTemplate.Render("Hey, {nickname}", Ada));

        Assert.Contains("{nickname}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hey, {firstName} {lastName}, {firstName}!", new[] { "firstName", "lastName" })]
    [InlineData("{{email}} is literal, {email} is not", new[] { "email" })]
    [InlineData("{a}{b_2}{_c}", new[] { "a", "b_2", "_c" })]
    [InlineData("nothing here", new string[0])]
    public void Placeholders_Template_ListsDistinctNamesInOrder(string template, string[] expected) =>
        Assert.Equal(expected, MessageTemplate.Placeholders(template));
}
