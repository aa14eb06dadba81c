using Appliance.Telephony.Tests.Interop;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Appliance.Web.Tests;

/// <summary>
/// A real SIP call (sipp's bundled uac_pcap scenario: INVITE, ~8 s of PCMA audio, BYE) answered by
/// the box's built-in default agent, watched live on the dashboard and then found in the call log.
/// </summary>
public sealed class LiveCallBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_sipp_call_appears_live_on_the_dashboard_and_then_in_the_call_log()
    {
        var sipPort = PeerProcess.FreePort();
        using var box = new WebBox(sipPort: sipPort);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = box.BaseUrl.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/web/setup");
        await page.FillAsync("input[name=setup_code]", box.SetupCode);
        await page.FillAsync("input[name=password]", WebClientExtensions.Password);
        await page.FillAsync("input[name=confirm]", WebClientExtensions.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/web/wizard");
        await page.GotoAsync("/web/dashboard");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("(live)");
        await Assertions.Expect(page.Locator("#active-calls")).ToContainTextAsync("No active calls");
        await StatusPanelsShowRealValuesAsync(page, sipPort);

        var dir = PeerProcess.TempDirectory();
        try
        {
            // sipp's play_pcap_audio paths are relative: pcap/ must sit beside the working directory.
            File.CreateSymbolicLink(Path.Combine(dir, "pcap"), "/usr/share/sip-tester");
            var mediaPort = PeerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            await using var sipp = PeerProcess.Start("sipp", dir, "127.0.0.1:" + sipPort, "-sn", "uac_pcap", "-m", "1",
                "-i", "127.0.0.1", "-p", PeerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-mi", "127.0.0.1", "-mp", mediaPort, "-timeout", "40s", "-timeout_error", "-nostdin");

            // The call shows up by itself (server-sent events), with the caller sipp sends and a state.
            var row = page.Locator("#active-calls tr[data-call]");
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(ringing|greeting|listening|thinking|speaking)$"));
            await Assertions.Expect(row).ToContainTextAsync("default");
            // sipp plays recorded speech: the caller's level meter rises above the -60 dB floor.
            await Assertions.Expect(row.Locator("meter").First).ToHaveAttributeAsync("data-db", new System.Text.RegularExpressions.Regex("^(0|-[1-5]?[0-9])$"));
            await Assertions.Expect(row.Locator("meter")).ToHaveCountAsync(2);
            var path = Path.Combine(browser.ScreenshotDirectory, "dashboard-live-call.png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            output.WriteLine("screenshot: " + path);

            var exit = await sipp.WaitAsync(TimeSpan.FromSeconds(45));
            Assert.True(exit == 0, "sipp failed:\n" + sipp.Output);
            await Assertions.Expect(page.Locator("#active-calls")).ToContainTextAsync("No active calls");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        await page.ClickAsync("nav >> text=Calls");
        var logged = page.Locator("#calls tr[data-call]");
        await Assertions.Expect(logged).ToHaveCountAsync(1);
        await logged.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("#call-detail h2")).ToContainTextAsync("Call from");
        await Assertions.Expect(page.Locator("#call-detail")).ToContainTextAsync("Transcript");
        await Assertions.Expect(page.Locator("#call-detail .quality")).ToContainTextAsync("Packets received");
        Assert.DoesNotContain("null", await page.Locator("#call-detail").TextContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotDirectory, "calls-live-call.png"), FullPage = true });
        await context.CloseAsync();
    }

    /// <summary>The live status panels: uptime moving on, memory and storage figures, CPU, the SIP listener.</summary>
    private static async Task StatusPanelsShowRealValuesAsync(IPage page, int sipPort)
    {
        await Assertions.Expect(page.Locator("#memory")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d MB / \d+\.\d MB$"));
        await Assertions.Expect(page.Locator("#storage")).ToContainTextAsync(" of ");
        await Assertions.Expect(page.Locator("#sip-listening")).ToContainTextAsync($"udp/127.0.0.1:{sipPort}");
        await Assertions.Expect(page.Locator("#cpu")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)? %$"));
        var uptime = await page.Locator("#uptime").TextContentAsync();
        await Assertions.Expect(page.Locator("#uptime")).Not.ToHaveTextAsync(uptime!);
    }
}
