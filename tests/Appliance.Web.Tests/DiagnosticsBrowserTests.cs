using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Appliance.Web.Tests;

/// <summary>The diagnostics page in chromium: backup from one box restored into a fresh one, and the log filter.</summary>
public sealed class DiagnosticsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Secret = "sk-diagnostics-secret-7f3a91";

    [Fact]
    public async Task A_backup_restores_into_a_fresh_box_without_its_secrets_which_are_listed_to_re_enter()
    {
        using var source = new WebBox();
        using (var api = source.Api())
        {
            await api.CreateAsync("/v1/connections", $$"""{"name":"cloud","type":"openai_compatible","base_url":"http://127.0.0.1:9/v1","api_key":"{{Secret}}"}""");
            var agent = await api.CreateAsync("/v1/agents", """{"name":"front-desk","welcome_message":"Thanks for calling the shop"}""");
            await api.CreateAsync("/v1/phone-numbers", $$"""{"number":"+15551230001","agent_id":"{{agent["id"]}}"}""");
        }
        var backupPath = Path.Combine(source.DataDirectory, "backup.json");
        await using (var context = await browser.Browser.NewContextAsync(new() { BaseURL = source.BaseUrl.ToString() }))
        {
            var page = await SetUpAsync(context, source);
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#backup"));
            await download.SaveAsAsync(backupPath);
            Assert.DoesNotContain(Secret, await page.ContentAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotDirectory, "diagnostics.png"), FullPage = true });
        }
        var backupText = await File.ReadAllTextAsync(backupPath);
        Assert.DoesNotContain(Secret, backupText, StringComparison.Ordinal);
        var backup = (JsonObject)JsonNode.Parse(backupText)!;
        Assert.Equal("api_key", (string?)backup["secrets_to_reenter"]![0]!["fields"]![0]);
        // One entity the fresh box must refuse, with its field named, beside the good ones.
        backup["agents"]!.AsArray().Add((JsonNode)new JsonObject { ["name"] = "broken", ["audio_speed"] = "fast" });
        await File.WriteAllTextAsync(backupPath, backup.ToJsonString());

        using var target = new WebBox();
        await using (var context = await browser.Browser.NewContextAsync(new() { BaseURL = target.BaseUrl.ToString() }))
        {
            var page = await SetUpAsync(context, target);
            await page.SetInputFilesAsync("#restore-form input[name=file]", backupPath);
            await page.ClickAsync("#restore-form button[type=submit]");
            await Assertions.Expect(page.Locator("#restore-report")).ToContainTextAsync("Restored 1 connection(s), 1 agent(s), 1 number(s).");
            await Assertions.Expect(page.Locator("#restore-secrets")).ToContainTextAsync("connection cloud: api_key");
            await Assertions.Expect(page.Locator("#restore-errors")).ToContainTextAsync("agent broken: audio_speed");
            await page.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotDirectory, "diagnostics-restore.png"), FullPage = true });
        }

        using var restored = target.Api();
        var agents = (await restored.GetObjectAsync("/v1/agents"))!["agents"]!.AsArray();
        var frontDesk = Assert.Single(agents, a => (string?)a!["name"] == "front-desk")!;
        Assert.Equal("Thanks for calling the shop", (string?)frontDesk["welcome_message"]);
        var number = Assert.Single((await restored.GetObjectAsync("/v1/phone-numbers"))!["phone_numbers"]!.AsArray())!;
        Assert.Equal((string?)frontDesk["id"], (string?)number["agent_id"]);
        var connection = Assert.Single((await restored.GetObjectAsync("/v1/connections"))!["connections"]!.AsArray())!;
        Assert.Equal("http://127.0.0.1:9/v1", (string?)connection["base_url"]);
        Assert.Empty(connection["secrets_set"]!.AsArray());
    }

    [Fact]
    public async Task The_log_filter_shows_only_matching_lines_and_no_secret_reaches_the_logs()
    {
        using var box = new WebBox();
        using (var api = box.Api())
        {
            await api.CreateAsync("/v1/connections", $$"""{"name":"cloud","type":"openai_compatible","base_url":"http://127.0.0.1:9/v1","api_key":"{{Secret}}"}""");
        }
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = box.BaseUrl.ToString() });
        var page = await SetUpAsync(context, box);
        var rows = page.Locator("#logs tr[data-level]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();

        await page.FillAsync("#log-filter input[name=category]", "appliance.sip");
        await page.FillAsync("#log-filter input[name=text]", "SIP listening");
        await page.ClickAsync("#log-filter button[type=submit]");
        await Assertions.Expect(page.Locator("#logs tr[data-level]:not(:has-text('SIP listening'))")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#logs tr[data-level]:not(:has-text('Appliance.Sip'))")).ToHaveCountAsync(0);
        await Assertions.Expect(rows.First).ToContainTextAsync("127.0.0.1:");

        await page.FillAsync("#log-filter input[name=text]", "no such line 41c9");
        await page.ClickAsync("#log-filter button[type=submit]");
        await Assertions.Expect(page.Locator("#logs")).ToContainTextAsync("No log lines match");

        // Every kept line, through the same route the page uses: no secret in any of them.
        using var session = box.Http();
        await session.LoginAsync(WebClientExtensions.Password);
        var all = await session.GetStringAsync("/web/api/logs?level=trace&limit=1000");
        Assert.Contains("Appliance", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, all, StringComparison.Ordinal);
        using var bad = await session.GetAsync("/web/api/logs?level=loud");
        Assert.Equal(422, (int)bad.StatusCode);
        Assert.Contains("level", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task<IPage> SetUpAsync(IBrowserContext context, WebBox box)
    {
        context.SetDefaultTimeout(15_000);
        using (var http = box.Http())
        {
            await http.SetUpAsync(box);
        }
        var page = await context.NewPageAsync();
        await page.GotoAsync("/web/login");
        await page.FillAsync("input[name=password]", WebClientExtensions.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/web/login", StringComparison.Ordinal));
        await page.GotoAsync("/web/diagnostics");
        return page;
    }
}
