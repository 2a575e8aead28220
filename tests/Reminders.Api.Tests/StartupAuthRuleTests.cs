using System.Net;
using Microsoft.Extensions.Logging;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>
/// The service never runs open by accident: without keys it starts only in Development or when told to
/// (<c>Reminders__Auth__Disabled</c>), and says so; a key configured wrongly stops it with a message naming the setting.
/// </summary>
public sealed class StartupAuthRuleTests
{
    [Fact]
    public async Task Production_WithoutKeys_RefusesToStart_NamingTheSettings()
    {
        var message = await StartFailureAsync(new() { ["environment"] = "Production", ["Reminders:Auth:Disabled"] = "false" });

        Assert.Contains("Reminders__Auth__Keys__0__Name", message, StringComparison.Ordinal);
        Assert.Contains("Reminders__Auth__Disabled=true", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Name", "", "Key", "k", "Reminders__Auth__Keys__0__Name is required")]
    [InlineData("Name", "a", "Scopes", "read", "must set exactly one of __Sha256")]
    [InlineData("Sha256", "abc", "Scopes", "read", "__Sha256 must be 64 hex characters")]
    [InlineData("Key", "k", "Scopes", "read,superuser", "unknown scope 'superuser'")]
    [InlineData("Key", "k", "Scopes", "", "__Scopes is required")]
    public async Task BadKey_RefusesToStart(string setting, string value, string otherSetting, string otherValue, string expected)
    {
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["Reminders:Auth:Disabled"] = "false",
            ["Reminders:Auth:Keys:0:Name"] = "a",
            ["Reminders:Auth:Keys:0:Scopes"] = "read",
        };
        settings[$"Reminders:Auth:Keys:0:{setting}"] = value;
        settings[$"Reminders:Auth:Keys:0:{otherSetting}"] = otherValue;

        Assert.Contains(expected, await StartFailureAsync(settings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateNameAndBothKeyAndHash_RefuseToStart()
    {
        var message = await StartFailureAsync(new()
        {
            ["Reminders:Auth:Disabled"] = "false",
            ["Reminders:Auth:Keys:0:Name"] = "same",
            ["Reminders:Auth:Keys:0:Key"] = "k1",
            ["Reminders:Auth:Keys:0:Scopes"] = "read",
            ["Reminders:Auth:Keys:1:Name"] = "same",
            ["Reminders:Auth:Keys:1:Key"] = "k2",
            ["Reminders:Auth:Keys:1:Sha256"] = SecuredApiFixture.Sha256Hex("k2"),
            ["Reminders:Auth:Keys:1:Scopes"] = "write",
        });

        Assert.Contains("Reminders__Auth__Keys__1__Name 'same' is used by another key", message, StringComparison.Ordinal);
        Assert.Contains("Reminders__Auth__Keys__1 must set exactly one of __Sha256", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_WithoutKeys_StartsOpen_AndWarns()
    {
        await using var database = await PostgresDatabase.CreateAsync(migrate: false);
        var logs = new CapturedLogs();
        await using var factory = new ApiFactory(database, clock: null, webhookUrl: null,
            new Dictionary<string, string> { ["environment"] = "Development", ["Reminders:Auth:Disabled"] = "false" }, logs);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/occurrences")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/audit")).StatusCode);
        var warning = Assert.Single(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("API authentication is OFF", StringComparison.Ordinal));
        Assert.Contains("Development", warning.Message, StringComparison.Ordinal);
    }

    private static async Task<string> StartFailureAsync(Dictionary<string, string> settings)
    {
        await using var database = await PostgresDatabase.CreateAsync(migrate: false);
        await using var factory = new ApiFactory(database, clock: null, webhookUrl: null, settings);

        var failure = Assert.ThrowsAny<Exception>(() => factory.Services);
        var messages = new List<string>();
        for (var e = failure; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
