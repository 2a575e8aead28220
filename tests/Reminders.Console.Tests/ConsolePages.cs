using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace Reminders.Console.Tests;

/// <summary>What a test does in the browser: sign in, go to a page, wait for an element, save a screenshot.</summary>
public sealed class ConsolePages(IWebDriver browser, Uri baseUrl)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public IWebDriver Browser => browser;

    public void SignIn(string key)
    {
        browser.Navigate().GoToUrl(new Uri(baseUrl, "/admin/sign-in"));
        browser.Manage().Cookies.DeleteAllCookies();
        browser.Navigate().GoToUrl(new Uri(baseUrl, "/admin/sign-in"));
        browser.FindElement(By.Id("key")).SendKeys(key);
        browser.FindElement(By.CssSelector("#sign-in-form button[type=submit]")).Click();
        Wait(d => d.FindElements(By.Id("signed-in-as")).Count > 0 || d.FindElements(By.Id("sign-in-error")).Count > 0);
    }

    public void Go(string path) => browser.Navigate().GoToUrl(new Uri(baseUrl, path));

    public IWebElement Find(string css) => Wait(d => d.FindElements(By.CssSelector(css)).FirstOrDefault());

    public bool Has(string css) => browser.FindElements(By.CssSelector(css)).Count > 0;

    /// <summary>Waits until <paramref name="condition"/> gives a value (stale elements from a live refresh just mean "not yet").</summary>
    public T Wait<T>(Func<IWebDriver, T?> condition)
    {
        var wait = new WebDriverWait(browser, Timeout);
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait.Until(condition)!;
    }

    /// <summary>True when <paramref name="condition"/> holds now; a stale element from a live refresh counts as "not yet".</summary>
    public bool Holds(Func<IWebDriver, bool> condition)
    {
        try
        {
            return condition(browser);
        }
        catch (WebDriverException)
        {
            return false;
        }
    }

    /// <summary>Waits for the page's <c>confirm()</c> dialog and answers OK.</summary>
    public void AcceptConfirmation() => Wait(d =>
    {
        try
        {
            return d.SwitchTo().Alert();
        }
        catch (NoAlertPresentException)
        {
            return null;
        }
    }).Accept();

    /// <summary>Saves the page under <c>artifacts/console/</c> at the repository root, which CI keeps.</summary>
    public void Screenshot(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "console");
        Directory.CreateDirectory(folder);
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reminders.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reminders.sln not found above " + AppContext.BaseDirectory);
    }
}
