using OpenQA.Selenium;

namespace Reminders.Console.Tests;

[Collection(ConsoleTests.Name)]
public sealed class DeadLetterTests(ConsoleFixture console)
{
    private ConsolePages Pages => console.Pages;

    [Fact]
    public async Task Retry_FromTheDeadLetterList_DeliversUnderTheSameKey_AndTheListEmptiesByItself_AndOnlyAdminSeesTheReceiversAnswer()
    {
        const string key = "schedule:refused-once:";
        console.Receiver.Respond = _ => Task.FromResult(422); // a permanent refusal: dead-lettered at once
        console.Receiver.ErrorBody = "{\"error\":\"bad payload\",\"echo\":\"session=s3cr3t\"}";
        await Schedules.CreateAsync(console, console.OneShot("refused-once", webhookUrl: null));
        var closed = await console.ClosedOccurrenceAsync("refused-once");
        console.Receiver.ErrorBody = null;
        Assert.Equal("deadLettered", closed.GetProperty("status").GetString());
        var occurrence = closed.GetProperty("key").GetString()!;
        Assert.StartsWith(key, occurrence, StringComparison.Ordinal);

        // What the receiver answered may echo secrets: a read key sees the status, never the body.
        Pages.SignIn(ConsoleFixture.ReadKey);
        Pages.Go("/admin/dead-letters?entity=schedule:refused-once");
        Assert.Contains("422", Pages.Find($"#awaiting tr[data-key='{occurrence}']").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", Pages.Browser.PageSource, StringComparison.Ordinal);
        Pages.Go("/admin/schedules/refused-once");
        Pages.Find("#history");
        Assert.DoesNotContain("s3cr3t", Pages.Browser.PageSource, StringComparison.Ordinal);

        Pages.SignIn(ConsoleFixture.AdminKey);
        Pages.Go("/admin/dead-letters?entity=schedule:refused-once");
        var row = Pages.Find($"#awaiting tr[data-key='{occurrence}']");
        Assert.Contains("422", row.Text, StringComparison.Ordinal);
        Assert.Contains("session=s3cr3t", row.FindElement(By.CssSelector("details.answer pre")).GetAttribute("textContent"), StringComparison.Ordinal);
        Pages.Screenshot("dead-letters");

        console.Receiver.Respond = _ => Task.FromResult(200);
        row.FindElement(By.CssSelector("input[name=keys]")).Click();
        Pages.Find("#bulk-reason").SendKeys("receiver fixed its validation");
        Pages.Find("#retry-selected").Click();

        Assert.Equal("Retried 1 of 1.", Pages.Find("#notice").Text);
        await console.AdvanceUntilAsync(() => console.Receiver.Accepted.Any(r => r.IdempotencyKey == occurrence));
        // No reload: the list refreshes itself and the delivered occurrence leaves it.
        Pages.Wait(d => d.FindElements(By.Id("awaiting-empty")).Count > 0);
        Pages.Go("/admin/audit?entity=schedule:refused-once");
        var audit = Pages.Find("#audit tbody tr").FindElements(By.TagName("td")).Select(c => c.Text).ToList();
        Assert.Equal([ConsoleFixture.AdminName, "occurrence.retry", "schedule:refused-once", occurrence, "receiver fixed its validation"], audit.Skip(1));
        Pages.Go("/admin");
        Pages.Wait(d => d.FindElement(By.CssSelector("#outcomes tbody tr:first-child td.ok")).Text != "0");
        Pages.Screenshot("overview");
    }
}
