using OpenQA.Selenium;

namespace Reminders.Console.Tests;

[Collection(ConsoleTests.Name)]
public sealed class LiveRefreshTests(ConsoleFixture console)
{
    private ConsolePages Pages => console.Pages;

    [Fact]
    public async Task EntityPage_ShowsADeliveryWhenItHappens_WithoutAReload()
    {
        console.Receiver.Respond = _ => Task.FromResult(200);
        await Schedules.CreateAsync(console, console.OneShot("live-one", webhookUrl: null));
        Pages.SignIn(ConsoleFixture.AdminKey);
        Pages.Go("/admin/schedules/live-one");
        Pages.Find("#history-empty");
        var js = (IJavaScriptExecutor)Pages.Browser;
        js.ExecuteScript("window.stillTheSamePage = true;");

        console.Clock.Advance(TimeSpan.FromMinutes(1));
        await console.AdvanceUntilAsync(() => Pages.Holds(d => d.FindElements(By.CssSelector("#history tr[data-status=delivered]")).Count == 1));

        Assert.Single(console.Receiver.Accepted, r => r.IdempotencyKey!.StartsWith("schedule:live-one:", StringComparison.Ordinal));
        Assert.Equal(true, js.ExecuteScript("return window.stillTheSamePage === true;"));
        Assert.Equal("delivered", Pages.Find("#history tr[data-status=delivered] .badge").Text);

        // The same page on a phone: the layout stacks and the tables scroll sideways.
        var size = Pages.Browser.Manage().Window.Size;
        Pages.Browser.Manage().Window.Size = new System.Drawing.Size(390, 844);
        try
        {
            Pages.Go("/admin/schedules/live-one");
            Pages.Find("#history");
            Pages.Screenshot("phone-schedule");
        }
        finally
        {
            Pages.Browser.Manage().Window.Size = size;
        }
    }
}
