using OpenQA.Selenium;
using Reminders.Api.Tests;

namespace Reminders.Console.Tests;

[Collection(ConsoleTests.Name)]
public sealed class EditTests(ConsoleFixture console)
{
    private ConsolePages Pages => console.Pages;

    [Fact]
    public async Task Edit_RefusesAnUnknownZoneFieldByField_ThenSavesAValidDefinition_AsTheApiWould()
    {
        await Schedules.CreateAsync(console, Schedules.DailyAcrossSpringForward("to-edit"));
        Pages.SignIn(ConsoleFixture.AdminKey);
        Pages.Go("/admin/schedules/to-edit");
        Pages.Find("#edit summary").Click();
        var original = Pages.Find("#definition-json").GetAttribute("value")!;

        Replace(original.Replace("America/New_York", "Mars/Olympus_Mons", StringComparison.Ordinal));

        Assert.Contains("timezone", Pages.Find("#edit-errors").Text, StringComparison.Ordinal);
        Assert.Equal(1, (await Json.ReadAsync(await console.Client.GetAsync("/api/v1/schedules/to-edit"))).GetProperty("version").GetInt32());

        Replace(original.Replace("Night shift check-in", "Late shift check-in", StringComparison.Ordinal));

        Assert.Equal("Saved: schedule:to-edit is now at version 2.", Pages.Find("#notice").Text);
        var stored = await Json.ReadAsync(await console.Client.GetAsync("/api/v1/schedules/to-edit"));
        Assert.Equal("Late shift check-in, {firstName}", stored.GetProperty("message").GetString());
        var audit = await Json.ReadAsync(await console.Client.GetAsync("/api/v1/audit?entity=schedule:to-edit"));
        Assert.Equal((ConsoleFixture.AdminName, "schedule.replace"), (audit.GetProperty("items")[0].GetProperty("actor").GetString(), audit.GetProperty("items")[0].GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Delete_AfterTypingTheIdAndConfirming_DeletesTheSchedule_AndIsAuditedWithTheReason()
    {
        await Schedules.CreateAsync(console, Schedules.DailyAcrossSpringForward("to-delete"));
        Pages.SignIn(ConsoleFixture.AdminKey);
        Pages.Go("/admin/schedules/to-delete");

        Pages.Find("#delete-form input[name=reason]").SendKeys("customer left");
        Pages.Find("#delete-form input[name=confirm]").SendKeys("to-delete");
        Pages.Find("#delete").Click();
        Pages.AcceptConfirmation(); // "Delete schedule:to-delete?"

        Assert.Equal("Deleted schedule:to-delete.", Pages.Find("#notice").Text);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await console.Client.GetAsync("/api/v1/schedules/to-delete")).StatusCode);
        var audit = await Json.ReadAsync(await console.Client.GetAsync("/api/v1/audit?entity=schedule:to-delete"));
        var entry = audit.GetProperty("items")[0];
        Assert.Equal(("schedule.delete", "customer left"), (entry.GetProperty("action").GetString(), entry.GetProperty("reason").GetString()));
    }

    private void Replace(string json)
    {
        var box = Pages.Find("#definition-json");
        if (!box.Displayed)
        {
            Pages.Find("#edit summary").Click();
        }

        ((IJavaScriptExecutor)Pages.Browser).ExecuteScript("arguments[0].value = arguments[1];", box, json);
        Pages.Find("#save").Click();
        Pages.Wait(d => d.FindElements(By.Id("edit-errors")).Count > 0 || d.FindElements(By.Id("notice")).Count > 0);
    }
}
