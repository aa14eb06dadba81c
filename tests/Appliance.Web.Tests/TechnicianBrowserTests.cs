using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Appliance.Web.Tests;

/// <summary>What a technician does with the page, in a real browser against the real service.</summary>
public sealed class TechnicianBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly BrowserPages _pages = new(browser, output);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pages.DisposeAsync();

    [Fact]
    public async Task First_run_then_an_agent_with_a_field_error_a_number_and_a_call_in_the_log()
    {
        using var box = new WebBox();
        var page = await _pages.NewPageAsync(box);

        // First visit: no password yet, so the box asks for the setup code.
        await page.GotoAsync("/");
        Assert.EndsWith("/web/setup", page.Url, StringComparison.Ordinal);
        await page.FillAsync("input[name=setup_code]", box.SetupCode);
        await page.FillAsync("input[name=password]", WebClientExtensions.Password);
        await page.FillAsync("input[name=confirm]", WebClientExtensions.Password);
        await _pages.ScreenshotAsync(page, "setup");
        await page.ClickAsync("button[type=submit]");
        // The password leads into the setup wizard (tested in SetupWizardBrowserTests); skip it here.
        await page.WaitForURLAsync("**/web/wizard");
        await page.GotoAsync("/web/dashboard");
        await Expect(page.Locator("#version")).Not.ToHaveTextAsync("…");
        await Expect(page.Locator("#live")).ToHaveTextAsync("(live)");
        await _pages.ScreenshotAsync(page, "dashboard");

        // An agent with a bad value: the API's error shows beside the field; fixing it saves.
        await page.ClickAsync("nav >> text=Agents");
        await page.ClickAsync("#new-agent");
        await page.FillAsync("#agent-form input[name=name]", "front-desk");
        await page.FillAsync("#agent-form input[name=audio_speed]", "3");
        await page.ClickAsync("#agent-form button[type=submit]");
        var error = page.Locator("[data-error-for=audio_speed]");
        await Expect(error).ToContainTextAsync("between 0.5 and 1.5");
        await _pages.ScreenshotAsync(page, "agents-field-error");
        await page.FillAsync("#agent-form input[name=audio_speed]", "1.2");
        await page.ClickAsync("#agent-form button[type=submit]");
        await Expect(page.Locator("#agent-form")).ToBeHiddenAsync();
        await Expect(page.Locator("tr[data-agent=front-desk]")).ToBeVisibleAsync();
        using var api = box.Api();
        var agent = (await api.GetObjectAsync("/v1/agents/front-desk"))!;
        Assert.Equal(1.2, agent["audio_speed"]!.GetValue<double>());
        await _pages.ScreenshotAsync(page, "agents");

        // Map a number to the agent.
        await page.ClickAsync("nav >> text=Numbers");
        await page.FillAsync("#number-form input[name=number]", "+15551230001");
        await page.FillAsync("#number-form input[name=label]", "Front desk line");
        await page.SelectOptionAsync("#number-form select[name=agent_id]", new SelectOptionValue { Label = "front-desk" });
        await page.ClickAsync("#number-form button[type=submit]");
        await Expect(page.Locator("tr[data-number='+15551230001']")).ToBeVisibleAsync();
        var numbers = (await api.GetObjectAsync("/v1/phone-numbers"))!["phone_numbers"]!.AsArray();
        Assert.Equal(agent["id"]!.GetValue<string>(), Assert.Single(numbers)!["agent_id"]!.GetValue<string>());
        await _pages.ScreenshotAsync(page, "numbers");

        // A call the box took: it is found in the log and its transcript shows per-turn latency.
        var store = box.Services.GetRequiredService<ConfigurationStore>();
        store.SaveCallRecord(SampleCall(agent["id"]!.GetValue<string>()));
        await page.ClickAsync("nav >> text=Calls");
        await page.FillAsync("#search input[name=caller]", "9876");
        await page.ClickAsync("#search button[type=submit]");
        var row = page.Locator("#calls tr[data-call]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("+15559876543");
        await row.Locator("button").ClickAsync();
        await Expect(page.Locator("#call-detail")).ToContainTextAsync("I'd like to book a table for two.");
        await Expect(page.Locator("#call-detail")).ToContainTextAsync("response 850 ms");
        await _pages.ScreenshotAsync(page, "calls");
        await page.FillAsync("#search input[name=caller]", "0000000");
        await page.ClickAsync("#search button[type=submit]");
        await Expect(page.Locator("#calls")).ToContainTextAsync("No calls");

        // An API key is shown once at creation and never again.
        await page.ClickAsync("nav >> text=API keys");
        await page.FillAsync("#key-form input[name=name]", "crm");
        await page.ClickAsync("#key-form button[type=submit]");
        var shown = await page.Locator("#new-key .once").TextContentAsync();
        Assert.StartsWith("apk_", shown, StringComparison.Ordinal);
        await Expect(page.Locator("tr[data-key=crm]")).ToBeVisibleAsync();
        await _pages.ScreenshotAsync(page, "api-keys");
        await page.ReloadAsync();
        await Expect(page.Locator("tr[data-key=crm]")).ToBeVisibleAsync();
        Assert.DoesNotContain(shown!, await page.ContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("nav >> text=Connections");
        await Expect(page.Locator("#new-connection")).ToBeVisibleAsync();
        await _pages.ScreenshotAsync(page, "connections");
    }

    [Fact]
    public async Task Secrets_show_as_set_and_never_reach_the_page()
    {
        using var box = new WebBox();
        using var api = box.Api();
        const string webhookSecret = "whsec-never-in-html-4711";
        const string sipPassword = "sip-pass-never-in-html-0815";
        const string apiKey = "sk-never-in-html-1234567890";
        await api.CreateAsync("/v1/agents", $$"""{"name":"hooked","voice_mode":"webhook","webhook_url":"https://crm.example/hook","webhook_secret":"{{webhookSecret}}"}""");
        await api.CreateAsync("/v1/connections", $$"""{"name":"pbx","type":"sip_trunk","host":"pbx.local","username":"100","password":"{{sipPassword}}"}""");
        await api.CreateAsync("/v1/connections", $$"""{"name":"cloud","type":"openai_compatible","base_url":"https://llm.example/v1","api_key":"{{apiKey}}"}""");
        var page = await _pages.NewPageAsync(box);
        await SetUpAsync(page, box);

        await page.GotoAsync("/web/agents");
        await page.ClickAsync("tr[data-agent=hooked] >> text=Edit");
        await Expect(page.Locator("[data-secret=webhook_secret]")).ToHaveTextAsync("set");
        Assert.Equal("", await page.InputValueAsync("#agent-form input[name=webhook_secret]"));
        var agentsHtml = await page.ContentAsync();

        // Duplicate makes a copy without the secret; delete asks first (the dialog is accepted).
        await page.ClickAsync("tr[data-agent=hooked] >> text=Duplicate");
        await Expect(page.Locator("tr[data-agent=hooked-copy]")).ToBeVisibleAsync();
        var copy = (await api.GetObjectAsync("/v1/agents/hooked-copy"))!;
        Assert.Equal("https://crm.example/hook", copy["webhook_url"]!.GetValue<string>());
        Assert.DoesNotContain("webhook_secret", copy["secrets_set"]!.AsArray().Select(s => s!.GetValue<string>()));
        await page.ClickAsync("tr[data-agent=hooked-copy] >> text=Delete");
        await Expect(page.Locator("tr[data-agent=hooked-copy]")).ToHaveCountAsync(0);
        using (var gone = await api.GetAsync("/v1/agents/hooked-copy"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        }

        await page.GotoAsync("/web/connections");
        await page.ClickAsync("tr[data-connection=pbx] >> text=Edit");
        await Expect(page.Locator("[data-secret=password]")).ToHaveTextAsync("set");
        await Expect(page.Locator("[data-secret=api_key]")).ToHaveTextAsync("not set");
        var pbxHtml = await page.ContentAsync();
        await page.ClickAsync("tr[data-connection=cloud] >> text=Edit");
        await Expect(page.Locator("[data-secret=api_key]")).ToHaveTextAsync("set");
        await _pages.ScreenshotAsync(page, "connections-secrets");
        var cloudHtml = await page.ContentAsync();

        foreach (var html in new[] { agentsHtml, pbxHtml, cloudHtml })
        {
            Assert.DoesNotContain(webhookSecret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(sipPassword, html, StringComparison.Ordinal);
            Assert.DoesNotContain(apiKey, html, StringComparison.Ordinal);
        }

        // Saving an edit without typing a secret keeps the stored one.
        await page.FillAsync("#connection-form input[name=model]", "gpt-small");
        await page.ClickAsync("#connection-form button[type=submit]");
        await Expect(page.Locator("#connection-form")).ToBeHiddenAsync();
        var cloud = (await api.GetObjectAsync("/v1/connections"))!["connections"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "cloud")!;
        Assert.Equal("gpt-small", cloud["model"]!.GetValue<string>());
        Assert.Contains("api_key", cloud["secrets_set"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task Dashboard_fits_a_phone_screen()
    {
        using var box = new WebBox();
        var page = await _pages.NewPageAsync(box, new ViewportSize { Width = 390, Height = 844 });
        await SetUpAsync(page, box);
        await page.GotoAsync("/web/dashboard");
        await Expect(page.Locator("#version")).Not.ToHaveTextAsync("…");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the dashboard scrolls sideways on a 390 px screen");
        await _pages.ScreenshotAsync(page, "dashboard-phone");
    }

    internal static async Task SetUpAsync(IPage page, WebBox box)
    {
        await page.GotoAsync("/web/setup");
        await page.FillAsync("input[name=setup_code]", box.SetupCode);
        await page.FillAsync("input[name=password]", WebClientExtensions.Password);
        await page.FillAsync("input[name=confirm]", WebClientExtensions.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/web/wizard");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static CallRecord SampleCall(string agentId)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-3);
        return new CallRecord
        {
            AgentId = agentId,
            AgentName = "front-desk",
            CallerNumber = "+15559876543",
            CalledNumber = "+15551230001",
            Status = CallStatuses.Completed,
            StartedAt = start,
            AnsweredAt = start.AddSeconds(1),
            EndedAt = start.AddSeconds(40),
            Turns =
            [
                new() { Role = "agent", Text = "Hello, Luigi's, how can I help?", At = start.AddSeconds(1) },
                new() { Role = "caller", Text = "I'd like to book a table for two.", At = start.AddSeconds(4) },
                new()
                {
                    Role = "agent", Text = "Of course, for what time?", At = start.AddSeconds(6),
                    EndpointingMs = 200, SttMs = 150, LlmFirstTokenMs = 300, TtsFirstAudioMs = 150, ResponseLatencyMs = 850, OnBoxMs = 50,
                },
            ],
            Quality = new CallQuality { PacketsReceived = 1800, PacketsLost = 2, JitterMs = 4.5, Mos = 4.3 },
        };
    }
}
