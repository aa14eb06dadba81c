using Microsoft.Playwright;

namespace Appliance.Web.Tests;

/// <summary>The diagnostics page's board tests pressed in chromium (real clock).</summary>
public sealed class DiagnosticsBoardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_LED_walk_button_walks_the_board_LEDs_and_reports_them_in_order()
    {
        using var box = new WebBox();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = box.BaseUrl.ToString() });
        var page = await DiagnosticsBrowserTests.SetUpAsync(context, box);
        using var api = box.Api();

        await page.ClickAsync("#led-walk");
        await Assertions.Expect(page.Locator("#led-walk-status")).ToContainTextAsync("Lit: ");
        // While the page shows the walk, the board (the dashboard's mirror) has exactly one LED on.
        var leds = (await api.GetObjectAsync("/v1/system/board"))!["leds"]!.AsObject();
        Assert.InRange(leds.Count(l => (string?)l.Value == "on"), 0, 1);
        await Assertions.Expect(page.Locator("#led-walk")).ToBeDisabledAsync();

        await Assertions.Expect(page.Locator("#led-walk-status")).ToContainTextAsync("LED walk finished; lit in turn: power", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#led-walk")).ToBeEnabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotDirectory, "diagnostics-led-walk.png"), FullPage = true });
        leds = (await api.GetObjectAsync("/v1/system/board"))!["leds"]!.AsObject();
        Assert.Equal("on", (string?)leds["power"]);
        Assert.Equal("on", (string?)leds["line"]);
    }
}
