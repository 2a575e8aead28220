using OpenQA.Selenium;

namespace Reminders.Console.Tests;

[Collection(ConsoleTests.Name)]
public sealed class SchedulePageTests(ConsoleFixture console)
{
    private ConsolePages Pages => console.Pages;

    [Fact]
    public async Task Upcoming_MarksTheSpringForwardGap_WithTheShiftedInstant()
    {
        await Schedules.CreateAsync(console, Schedules.DailyAcrossSpringForward("night-shift"));
        Pages.SignIn(ConsoleFixture.AdminKey);

        // Open it by id from the header, as an operator with an id from a log line would.
        Pages.Find("form.open select option[value=schedules]").Click();
        Pages.Find("form.open input[name=id]").SendKeys("night-shift" + Keys.Enter);

        Pages.Wait(d => d.Url.EndsWith("/admin/schedules/night-shift", StringComparison.Ordinal));
        var rows = Pages.Browser.FindElements(By.CssSelector("#upcoming tbody tr"));
        Assert.Equal(20, rows.Count);
        var gap = Pages.Find("#upcoming tr[data-key='schedule:night-shift:20270314T023000']");
        var cells = gap.FindElements(By.TagName("td")).Select(c => c.Text).ToList();
        // 02:30 does not exist on 14 March in New York: shifted by the gap to 03:30 EDT, 07:30 UTC.
        Assert.Equal("2027-03-14T02:30:00", cells[0]);
        Assert.Equal("2027-03-14T03:30:00 -04:00", cells[1]);
        Assert.Equal("2027-03-14T07:30:00Z", cells[2]);
        Assert.Equal("dstGapShifted", gap.FindElement(By.CssSelector(".badge.adj")).GetAttribute("data-adjustment"));
        // The days around it are not marked.
        Assert.Empty(Pages.Browser.FindElements(By.CssSelector("#upcoming tr[data-key='schedule:night-shift:20270313T023000'] .badge.adj")));
        Pages.Screenshot("schedule");
    }

    [Fact]
    public async Task Pause_WithAReason_PausesTheSchedule_AndTheAuditLogNamesTheKeyAndReason()
    {
        await Schedules.CreateAsync(console, Schedules.DailyAcrossSpringForward("to-pause"));
        Pages.SignIn(ConsoleFixture.AdminKey);
        Pages.Go("/admin/schedules/to-pause");

        Pages.Find("#pause-reason").SendKeys("receiver maintenance window");
        Pages.Find("#pause").Click();

        Pages.Find("#paused-badge");
        Assert.Equal("Paused.", Pages.Find("#notice").Text);
        Assert.True(await Schedules.IsPausedAsync(console, "to-pause"));
        Pages.Go("/admin/audit?entity=schedule:to-pause");
        var row = Pages.Find("#audit tbody tr").FindElements(By.TagName("td")).Select(c => c.Text).ToList();
        Assert.Equal([ConsoleFixture.AdminName, "schedule.pause", "schedule:to-pause", "", "receiver maintenance window"], row.Skip(1));
        Pages.Go("/admin/audit");
        Pages.Screenshot("audit");
    }
}
