using OpenQA.Selenium;

namespace Reminders.Console.Tests;

[Collection(ConsoleTests.Name)]
public sealed class TriggerAndSearchTests(ConsoleFixture console)
{
    private ConsolePages Pages => console.Pages;

    [Fact]
    public async Task Entities_FindsAScheduleByTextInItsRule_AndSaysTheRuleInWords()
    {
        await Schedules.CreateAsync(console, Schedules.DailyAcrossSpringForward("findable-by-text"));
        Pages.SignIn(ConsoleFixture.AdminKey);
        Pages.Go("/admin/entities");

        Pages.Find("#search").SendKeys("findable" + Keys.Enter);

        var row = Pages.Find("#entities tr[data-entity='schedule:findable-by-text']");
        var cells = row.FindElements(By.TagName("td")).Select(c => c.Text).ToList();
        Assert.Equal(["findable-by-text", "custom", "America/New_York"], cells.Take(3));
        Assert.Contains("02:30", cells[3], StringComparison.Ordinal);
        Assert.Single(Pages.Browser.FindElements(By.CssSelector("#entities tbody tr")));
        Pages.Screenshot("entities");

        row.FindElement(By.TagName("a")).Click();
        Pages.Wait(d => d.Url.EndsWith("/admin/schedules/findable-by-text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TriggerNow_DeliversUnderItsOwnKey_Once_AndIsAudited()
    {
        console.Receiver.Respond = _ => Task.FromResult(200);
        await Schedules.CreateAsync(console, Schedules.DailyAcrossSpringForward("trigger-me"));
        Pages.SignIn(ConsoleFixture.AdminKey);
        Pages.Go("/admin/schedules/trigger-me");

        Pages.Find("#trigger-reason").SendKeys("customer asked for a resend");
        Pages.Find("#trigger").Click();
        Pages.AcceptConfirmation(); // "Send ... now?"

        Assert.StartsWith("Triggered: schedule:trigger-me:-manual-", Pages.Find("#notice").Text, StringComparison.Ordinal);
        await console.AdvanceUntilAsync(() => Pages.Holds(d => d.FindElements(By.CssSelector("#history tr[data-status=delivered]")).Count == 1));
        var delivered = Assert.Single(console.Receiver.Accepted, r => r.IdempotencyKey!.StartsWith("schedule:trigger-me:", StringComparison.Ordinal));
        Assert.StartsWith("schedule:trigger-me:-manual-", delivered.IdempotencyKey, StringComparison.Ordinal);
        Pages.Go("/admin/audit?entity=schedule:trigger-me");
        var audit = Pages.Find("#audit tbody tr").FindElements(By.TagName("td")).Select(c => c.Text).ToList();
        Assert.Equal([ConsoleFixture.AdminName, "schedule.trigger", "schedule:trigger-me", delivered.IdempotencyKey, "customer asked for a resend"], audit.Skip(1));
    }
}
