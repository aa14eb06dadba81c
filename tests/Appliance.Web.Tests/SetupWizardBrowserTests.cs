using System.Net;
using System.Text;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Appliance.Web.Tests;

/// <summary>
/// The first-run wizard, the agent editor's templates and preview, "test connection" against a local
/// provider, and the calls page's chart, recording and export, in headless chromium.
/// </summary>
public sealed class SetupWizardBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly BrowserPages _pages = new(browser, output);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pages.DisposeAsync();

    [Fact]
    public async Task Wizard_sets_up_a_pbx_a_provider_an_agent_from_a_template_and_a_number_then_never_returns()
    {
        using var box = new WebBox();
        var page = await _pages.NewPageAsync(box);
        await TechnicianBrowserTests.SetUpAsync(page, box);

        // PBX registration: the API's error for the missing password shows beside the password field.
        await Expect(page.Locator("#line-step")).ToBeVisibleAsync();
        await page.SelectOptionAsync("select[name=line_kind]", "sip_registration");
        await page.FillAsync("#line-step input[name=host]", "pbx.example.test");
        await page.FillAsync("#line-step input[name=username]", "201");
        await page.ClickAsync("#line-step button.primary");
        await Expect(page.Locator("[data-error-for=password]")).ToContainTextAsync("required");
        await _pages.ScreenshotAsync(page, "wizard-line-error");
        const string sipPassword = "wizard-sip-secret-5150";
        await page.FillAsync("#line-step input[name=password]", sipPassword);
        await page.ClickAsync("#line-step button.primary");

        const string apiKey = "sk-wizard-never-in-html-77";
        await page.FillAsync("[data-provider=openai_compatible] input[name=base_url]", "https://llm.example.test/v1");
        await page.FillAsync("[data-provider=openai_compatible] input[name=api_key]", apiKey);
        await page.ClickAsync("#providers-step button.primary");

        await page.SelectOptionAsync("#agent-step select[name=template]", "appointment_scheduler");
        await page.FillAsync("#agent-step input[name=business_name]", "Dr. Rossi's practice");
        await _pages.ScreenshotAsync(page, "wizard-agent");
        Assert.DoesNotContain(apiKey, await page.ContentAsync(), StringComparison.Ordinal);
        await page.ClickAsync("#agent-step button.primary");

        // Resumable: a reload comes back at the number step.
        await Expect(page.Locator("#number-step")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await page.FillAsync("#number-step input[name=number]", "+15551230009");
        await page.SelectOptionAsync("#number-step select[name=connection_id]", new SelectOptionValue { Label = "pbx (sip_registration)" });
        await page.ClickAsync("#number-step button.primary");
        await Expect(page.Locator("#wizard-summary")).ToContainTextAsync("appointments");
        await _pages.ScreenshotAsync(page, "wizard-done");
        var html = await page.ContentAsync();
        Assert.DoesNotContain(sipPassword, html, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, html, StringComparison.Ordinal);
        await page.ClickAsync("#done-step button.primary");
        await page.WaitForURLAsync("**/web/dashboard");

        var store = box.Services.GetRequiredService<ConfigurationStore>();
        var connections = store.ListConnections();
        Assert.Contains(connections, c => c is { Type: "sip_registration", Host: "pbx.example.test", Username: "201", Password: sipPassword });
        Assert.Contains(connections, c => c is { Type: "openai_compatible", BaseUrl: "https://llm.example.test/v1", ApiKey: apiKey });
        var agent = Assert.Single(store.ListAgents(), a => a.Name == "appointments");
        Assert.Equal("Dr. Rossi's practice", agent.TemplateVariables["business_name"].DefaultValue);
        Assert.Equal(AgentTypes.AppointmentScheduler, agent.AgentType);
        var number = Assert.Single(store.ListPhoneNumbers());
        Assert.Equal(agent.Id, number.AgentId);
        Assert.Equal(connections.Single(c => c.Type == "sip_registration").Id, number.ConnectionId);

        // Done: reopening shows the first step again only because the technician asks for it.
        Assert.Contains("\"completed\":true", await page.EvaluateAsync<string>("fetch('/web/api/wizard').then(r => r.text())"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_from_a_template_previews_its_filled_prompt_and_a_connection_test_reports_success_and_failure()
    {
        using var provider = new TinyProvider("sk-good-key");
        using var box = new WebBox();
        using var api = box.Api();
        await api.CreateAsync("/v1/connections", $$"""{"name":"good","type":"openai_compatible","base_url":"{{provider.BaseUrl}}","api_key":"sk-good-key"}""");
        await api.CreateAsync("/v1/connections", $$"""{"name":"bad","type":"openai_compatible","base_url":"{{provider.BaseUrl}}","api_key":"sk-wrong-key"}""");
        var page = await _pages.NewPageAsync(box);
        await TechnicianBrowserTests.SetUpAsync(page, box);

        await page.GotoAsync("/web/agents");
        await page.SelectOptionAsync("#template", "receptionist");
        await Expect(page.Locator("#agent-form input[name=name]")).ToHaveValueAsync("receptionist");
        // The dropdowns' choices come from the box's own lists (/web/api/allowed-values).
        var ttsChoices = await page.Locator("#agent-form select[name=tts_model] option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.Equal(["", .. TtsModels.All], ttsChoices);
        await page.FillAsync("#agent-form input[name=timezone]", "Europe/Rome");
        await page.ClickAsync("#preview-button");
        await Expect(page.Locator(".preview-welcome")).ToHaveTextAsync("Thank you for calling our office, this is the virtual receptionist. How can I help you?");
        var prompt = await page.Locator(".preview-prompt").TextContentAsync();
        Assert.Contains("Monday to Friday, 9 am to 5 pm", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", prompt, StringComparison.Ordinal);
        // The system variables are filled for this agent: its time zone, the box's clock, a sample caller.
        await Expect(page.Locator(".preview-values")).ToContainTextAsync("Europe/Rome");
        var values = await page.Locator(".preview-values dt").EvaluateAllAsync<Dictionary<string, string>>(
            "names => Object.fromEntries(names.map(dt => [dt.textContent, dt.nextElementSibling.textContent]))");
        Assert.Equal("Europe/Rome", values["system_timezone"]);
        Assert.Equal("our office", values["business_name"]);
        Assert.Matches(@"^\+1555", values["caller_number"]);
        Assert.Contains($"It is {values["system_time"]}.", prompt, StringComparison.Ordinal);
        await _pages.ScreenshotAsync(page, "agents-preview");

        // A bad value in a nested JSON field: the API's error sits beside that field; fixed, it saves.
        await page.FillAsync("#agent-form textarea[name=tasks]", """[{"name": "", "description": "x"}]""");
        await page.ClickAsync("#agent-form button[type=submit]");
        await Expect(page.Locator("[data-error-for^=tasks]")).ToBeVisibleAsync();
        await page.FillAsync("#agent-form textarea[name=tasks]", """[{"name": "Greet", "description": "x"}]""");
        await page.ClickAsync("#agent-form button[type=submit]");
        await Expect(page.Locator("tr[data-agent=receptionist]")).ToBeVisibleAsync();

        await page.GotoAsync("/web/connections");
        await page.ClickAsync("tr[data-connection=good] >> text=Test");
        await Expect(page.Locator("tr[data-connection=good] .test-result")).ToContainTextAsync("OK: 200");
        await page.ClickAsync("tr[data-connection=bad] >> text=Test");
        var failure = page.Locator("tr[data-connection=bad] .test-result");
        await Expect(failure).ToContainTextAsync("Failed: 401");
        await Expect(failure).ToContainTextAsync("Incorrect API key provided: [api key]");
        await _pages.ScreenshotAsync(page, "connections-test");
        Assert.DoesNotContain("sk-wrong-key", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(2, provider.Requests);
    }

    [Fact]
    public async Task Calls_page_shows_the_latency_chart_plays_the_recording_and_exports_the_filtered_list()
    {
        using var box = new WebBox();
        var store = box.Services.GetRequiredService<ConfigurationStore>();
        var recordings = Path.Combine(box.DataDirectory, "recordings");
        Directory.CreateDirectory(recordings);
        await File.WriteAllBytesAsync(Path.Combine(recordings, "call-one.wav"), SilentWav(seconds: 2));
        var call = new CallRecord
        {
            AgentName = "front-desk", CallerNumber = "+15559876543", CalledNumber = "+15551230001", Status = CallStatuses.Completed,
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-5), EndedAt = DateTimeOffset.UtcNow.AddMinutes(-4), RecordingFile = "call-one.wav",
            Turns =
            [
                new() { Role = "caller", Text = "Hi, is the shop open?", At = DateTimeOffset.UtcNow.AddMinutes(-5) },
                new() { Role = "agent", Text = "Yes, until six.", At = DateTimeOffset.UtcNow.AddMinutes(-5), SttMs = 120, LlmFirstTokenMs = 300, ResponseLatencyMs = 700 },
            ],
            Quality = new CallQuality { PacketsReceived = 990, PacketsLost = 10, JitterMs = 3.2, Mos = 4.2 },
        };
        store.SaveCallRecord(call);
        store.SaveCallRecord(new CallRecord { AgentName = "other", CallerNumber = "+15550001111", Status = CallStatuses.Failed, StartedAt = DateTimeOffset.UtcNow.AddMinutes(-2) });
        var page = await _pages.NewPageAsync(box);
        await TechnicianBrowserTests.SetUpAsync(page, box);

        await page.GotoAsync("/web/calls");
        await Expect(page.Locator("#calls tr[data-call]")).ToHaveCountAsync(2);
        await page.SelectOptionAsync("#search select[name=status]", "completed");
        await page.ClickAsync("#search button[type=submit]");
        await Expect(page.Locator("#calls tr[data-call]")).ToHaveCountAsync(1);
        await page.ClickAsync("#calls tr[data-call] button");
        await Expect(page.Locator("#call-detail")).ToContainTextAsync("Yes, until six.");
        await Expect(page.Locator("#call-detail svg.latency-chart rect.total")).ToHaveCountAsync(1);
        await Expect(page.Locator("#call-detail svg.latency-chart")).ToContainTextAsync("700 ms");
        await Expect(page.Locator("#call-detail .quality")).ToContainTextAsync("10 (1.0 %)");
        var duration = await page.Locator("#call-detail audio").EvaluateAsync<double>(
            "a => a.readyState >= 1 ? a.duration : new Promise(r => a.addEventListener('loadedmetadata', () => r(a.duration)))");
        Assert.InRange(duration, 1.9, 2.1);
        await _pages.ScreenshotAsync(page, "calls-detail");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,started_at,", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains("+15559876543", lines[1], StringComparison.Ordinal);
        Assert.Contains(",700,", lines[1], StringComparison.Ordinal);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static byte[] SilentWav(int seconds)
    {
        const int rate = 8000;
        var data = rate * 2 * seconds;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Encoding.ASCII.GetBytes("RIFF"));
        writer.Write(36 + data);
        writer.Write(Encoding.ASCII.GetBytes("WAVEfmt "));
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write(Encoding.ASCII.GetBytes("data"));
        writer.Write(data);
        writer.Write(new byte[data]);
        return stream.ToArray();
    }

    /// <summary>An OpenAI-shaped /v1/models on 127.0.0.1 that accepts one key and answers 401 like OpenAI otherwise.</summary>
    private sealed class TinyProvider : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _requests;

        public TinyProvider(string key)
        {
            var port = Appliance.Telephony.Tests.Interop.PeerProcess.FreePort();
            BaseUrl = $"http://127.0.0.1:{port}/v1";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }
                    Interlocked.Increment(ref _requests);
                    var sent = context.Request.Headers["Authorization"];
                    var ok = context.Request.Url!.AbsolutePath == "/v1/models" && sent == "Bearer " + key;
                    context.Response.StatusCode = ok ? 200 : 401;
                    var body = ok ? """{"object":"list","data":[{"id":"tiny-model"}]}"""
                        : "{\"error\":{\"message\":\"Incorrect API key provided: " + sent?.Replace("Bearer ", "", StringComparison.Ordinal) + "\"}}";
                    await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
                    context.Response.Close();
                }
            });
        }

        public string BaseUrl { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose() => _listener.Close();
    }
}
