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

    [Theory]
    [InlineData("Hey, {firstName} {lastName}, {firstName}!")]
    [InlineData("{{email}} is literal, {email} is not; }} too")]
    [InlineData("Grüße, {firstName} — 🎂")]
    [InlineData("nothing here")]
    [InlineData("")]
    public void RenderedBytes_Template_IsTheUtf8SizeOfRender(string template) =>
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(MessageTemplate.Render(template, Ada)), MessageTemplate.RenderedBytes(template, Ada));

    [Fact]
    public void RenderedBytes_TheReported1333PlaceholderTemplate_IsMeasuredWithoutRendering()
    {
        // 4,000 characters of "{a}" and a 1,000-character value: 1.3 MB per occurrence if it were rendered.
        var template = string.Concat(Enumerable.Repeat("{a}", 1_333));
        var values = new Dictionary<string, string> { ["a"] = new string('x', 1_000) };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = MessageTemplate.RenderedBytes(template, values);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1_333_000, bytes);
        Assert.True(bytes > MessageTemplate.MaxRenderedBytes);
        Assert.InRange(allocated, 0, 100_000);
    }
}
