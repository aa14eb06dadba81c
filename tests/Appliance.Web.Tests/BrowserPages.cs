using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Appliance.Web.Tests;

/// <summary>
/// The pages of one browser test: each in a context of its own on the box, script errors written to
/// the test output, confirmation dialogs accepted, screenshots saved as test artifacts. Disposing
/// closes the pages before the box stops, so no script keeps polling a dead server.
/// </summary>
internal sealed class BrowserPages(BrowserFixture browser, ITestOutputHelper output) : IAsyncDisposable
{
    private const int Timeout = 10_000;
    private readonly List<IBrowserContext> _contexts = [];

    public async Task<IPage> NewPageAsync(WebBox box, ViewportSize? viewport = null)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = box.BaseUrl.ToString(), ViewportSize = viewport, AcceptDownloads = true,
        });
        _contexts.Add(context);
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        // A failing script is a failing page: surface it in the test output.
        page.PageError += (_, message) => output.WriteLine("page error: " + message);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        return page;
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(browser.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}
