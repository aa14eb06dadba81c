using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Appliance.Web.Tests;

/// <summary>
/// An unfinished first-run wizard: the dashboard shows "finish setup" linking to it, and logging in
/// resumes it at the step where it was left; once finished, neither happens.
/// </summary>
public sealed class SetupResumeBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Dashboard_asks_to_finish_setup_and_login_resumes_the_wizard_until_it_is_done()
    {
        using var box = new WebBox();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = box.BaseUrl.ToString() });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, message) => output.WriteLine("page error: " + message);
        await TechnicianBrowserTests.SetUpAsync(page, box);

        await page.ClickAsync("#line-step [data-skip=line]");
        await Expect(page.Locator("#providers-step")).ToBeVisibleAsync();
        await page.GotoAsync("/web/dashboard");
        var banner = page.Locator("#setup-banner");
        await Expect(banner).ToContainTextAsync("Setup is not finished");
        await Expect(banner.Locator("a")).ToHaveAttributeAsync("href", "/web/wizard");
        await page.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotDirectory, "dashboard-finish-setup.png"), FullPage = true });

        await LogOutAndInAsync(page);
        await page.WaitForURLAsync("**/web/wizard");
        await Expect(page.Locator("#providers-step")).ToBeVisibleAsync();

        foreach (var step in new[] { "providers", "agent", "number" })
        {
            await page.ClickAsync($"[data-skip={step}]");
        }
        await page.ClickAsync("#done-step button.primary");
        await page.WaitForURLAsync("**/web/dashboard");
        await AssertNoBannerAsync(page);

        await LogOutAndInAsync(page);
        await page.WaitForURLAsync("**/web/dashboard");
        await AssertNoBannerAsync(page);
    }

    private static async Task LogOutAndInAsync(IPage page)
    {
        await page.ClickAsync("nav >> text=Log out");
        await page.WaitForURLAsync("**/web/login");
        await page.FillAsync("input[name=password]", WebClientExtensions.Password);
        await page.ClickAsync("button[type=submit]");
    }

    /// <summary>Importing the banner module again resolves only once its check of the wizard has finished, so an absent banner is a real answer.</summary>
    private static async Task AssertNoBannerAsync(IPage page)
    {
        await page.EvaluateAsync("() => import('/web/assets/setup-banner.js')");
        await Expect(page.Locator("#setup-banner")).ToHaveCountAsync(0);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
