using System.Globalization;
using System.Net.Http.Headers;
using OpenQA.Selenium.Chrome;
using Reminders.Api.Tests;
using Reminders.Testing;

namespace Reminders.Console.Tests;

/// <summary>
/// One API host listening on a real loopback port (the browser needs one), with authentication on (an admin and a
/// read key), a loopback webhook receiver, a fake service clock, and one headless Chromium shared by every test.
/// </summary>
public sealed class ConsoleFixture : ApiFixture, IAsyncLifetime
{
    public const string AdminKey = "console-admin-key-0123456789";
    public const string ReadKey = "console-read-key-0123456789";
    public const string AdminName = "ops-admin";
    public const string ReadName = "ops-reader";

    private readonly int _port = FreeTcpPort.Next();

    public Uri BaseUrl => new($"http://localhost:{_port.ToString(CultureInfo.InvariantCulture)}");

    public ChromeDriver Browser { get; private set; } = null!;

    public ConsolePages Pages { get; private set; } = null!;

    // Re-implements IAsyncLifetime so xUnit calls this: the host first, then the browser.
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The API helpers of ApiFixture call with the admin key.
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        Browser = Chromium.Start();
        Pages = new ConsolePages(Browser, BaseUrl);
    }

    protected override ApiFactory CreateFactory()
    {
        var factory = new ApiFactory(Database, Clock, Receiver.Url, new Dictionary<string, string>
        {
            ["Reminders:Auth:Disabled"] = "false",
            ["Reminders:Auth:Keys:0:Name"] = AdminName,
            ["Reminders:Auth:Keys:0:Key"] = AdminKey,
            ["Reminders:Auth:Keys:0:Scopes"] = "admin",
            ["Reminders:Auth:Keys:1:Name"] = ReadName,
            ["Reminders:Auth:Keys:1:Key"] = ReadKey,
            ["Reminders:Auth:Keys:1:Scopes"] = "read",
        });
        factory.UseKestrel(_port);
        return factory;
    }

    public new async Task DisposeAsync()
    {
        Browser?.Quit();
        Browser?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>The browser tests share one host and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleTests : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "Console in a browser";
}
