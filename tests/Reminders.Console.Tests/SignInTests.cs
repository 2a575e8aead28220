using OpenQA.Selenium;

namespace Reminders.Console.Tests;

[Collection(ConsoleTests.Name)]
public sealed class SignInTests(ConsoleFixture console)
{
    private ConsolePages Pages => console.Pages;

    [Fact]
    public void Admin_WithoutASession_IsSentToSignIn_AndAnUnknownKeyIsRefused()
    {
        Pages.Browser.Manage().Cookies.DeleteAllCookies();
        Pages.Go("/admin/dead-letters");
        Pages.Wait(d => d.Url.Contains("/admin/sign-in", StringComparison.Ordinal));
        // The stylesheet is served to a visitor who has not signed in yet.
        Assert.Equal("rgb(244, 246, 250)", ((IJavaScriptExecutor)Pages.Browser).ExecuteScript("return getComputedStyle(document.body).backgroundColor;"));

        Pages.SignIn("not-a-configured-key");

        Assert.Equal("That key is not known.", Pages.Find("#sign-in-error").Text);
        Assert.False(Pages.Has("#signed-in-as"));
    }

    [Fact]
    public void SignIn_WithAnAdminKey_ShowsTheOverviewUnderTheKeyName_WithoutTheKeyInTheCookie()
    {
        Pages.SignIn(ConsoleFixture.AdminKey);
        Pages.Go("/admin");

        Assert.Equal($"{ConsoleFixture.AdminName} · admin", Pages.Find("#signed-in-as").Text);
        Assert.NotEmpty(Pages.Find("#silos tbody tr").Text);
        var cookie = Pages.Browser.Manage().Cookies.GetCookieNamed("reminders-console")!;
        Assert.True(cookie.IsHttpOnly);
        Assert.Equal("Strict", cookie.SameSite);
        Assert.DoesNotContain(ConsoleFixture.AdminKey, cookie.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void SignOut_EndsTheSession()
    {
        Pages.SignIn(ConsoleFixture.ReadKey);

        Pages.Find("#sign-out button").Click();
        Pages.Wait(d => d.Url.Contains("/admin/sign-in", StringComparison.Ordinal));
        Pages.Go("/admin");

        Pages.Wait(d => d.Url.Contains("/admin/sign-in", StringComparison.Ordinal));
        Assert.Empty(Pages.Browser.FindElements(By.Id("signed-in-as")));
    }
}
