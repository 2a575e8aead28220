using OpenQA.Selenium.Chrome;

namespace Reminders.Console.Tests;

/// <summary>
/// Debian's headless Chromium through Debian's chromedriver (<c>apt-get install chromium chromium-driver</c>;
/// <c>scripts/test.sh</c> installs them when missing). Both paths are given explicitly, so Selenium Manager never
/// runs and nothing is downloaded; <c>CHROMIUM_PATH</c> and <c>CHROMEDRIVER_PATH</c> override them.
/// </summary>
public static class Chromium
{
    public static ChromeDriver Start()
    {
        var browser = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        var driver = Environment.GetEnvironmentVariable("CHROMEDRIVER_PATH") ?? "/usr/bin/chromedriver";
        if (!File.Exists(browser) || !File.Exists(driver))
        {
            throw new InvalidOperationException(
                $"The browser tests need {browser} and {driver}: apt-get install -y chromium chromium-driver (scripts/test.sh does).");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = browser };
        // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000", "--lang=en-US");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
