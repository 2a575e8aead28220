using OpenQA.Selenium;
using Reminders.Api.Tests;

namespace Reminders.Console.Tests;

[Collection(ConsoleTests.Name)]
public sealed class ReadKeyTests(ConsoleFixture console)
{
    private ConsolePages Pages => console.Pages;

    [Fact]
    public async Task ReadKey_SeesNoActions_AndAPauseForgedWithItsOwnSessionAndToken_IsRefusedWith403()
    {
        await Schedules.CreateAsync(console, Schedules.DailyAcrossSpringForward("read-only"));
        Pages.SignIn(ConsoleFixture.ReadKey);
        Pages.Go("/admin/schedules/read-only");

        Pages.Find("#upcoming");
        Assert.Equal($"{ConsoleFixture.ReadName} · read only", Pages.Find("#signed-in-as").Text);
        Assert.False(Pages.Has("#actions"));
        Assert.False(Pages.Has("#pause"));
        Assert.False(Pages.Has("#edit"));
        Pages.Go("/admin/dead-letters");
        Pages.Find("#awaiting-list");
        Assert.False(Pages.Has("#bulk"));
        Assert.False(Pages.Has("input[name=keys]"));
        Pages.Go("/admin/uncertain");
        Assert.Equal("Uncertain", Pages.Find("h1").Text);
        Assert.False(Pages.Has("#bulk"));
        Pages.Go("/admin/schedules/read-only");
        Pages.Find("#upcoming");

        // The page's own antiforgery token (from the sign-out form) and session cookie: only the scope is missing.
        var forged = Post("?handler=Pause", withToken: true);
        var withoutToken = Post("?handler=Pause", withToken: false);

        Assert.Equal(403L, forged);
        Assert.Equal(400L, withoutToken);
        Assert.False(await Schedules.IsPausedAsync(console, "read-only"));
        var audit = await Json.ReadAsync(await console.Client.GetAsync("/api/v1/audit?entity=schedule:read-only"));
        Assert.Equal(["schedule.create"], audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    private long Post(string handler, bool withToken) => (long)(((IJavaScriptExecutor)Pages.Browser).ExecuteAsyncScript("""
        const [handler, withToken, done] = arguments;
        const body = new URLSearchParams({ reason: "forged" });
        if (withToken) { body.set("__RequestVerificationToken", document.querySelector("#sign-out input[name=__RequestVerificationToken]").value); }
        fetch(location.pathname + handler, { method: "POST", body, credentials: "same-origin", redirect: "manual" })
          .then(r => done(r.status), () => done(-1));
        """, handler, withToken) ?? -2L);
}
