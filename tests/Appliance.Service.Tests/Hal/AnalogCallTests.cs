using System.Net;
using System.Text.Json.Nodes;
using Appliance.Audio.Wav;
using Appliance.Configuration.Store;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Service.Tests.Hal;

/// <summary>
/// Calls on the analog line of the simulated board, driven through the authenticated test-mode API
/// of the running box (real HTTP pipeline, real conversation engine, a fake OpenAI server): the box
/// answers, greets, hears the caller, replies, and ends on hook with an "analog" call record.
/// </summary>
public sealed class AnalogCallTests : IAsyncLifetime
{
    private readonly ApplianceFactory _factory = new();
    private WebApplicationFactory<Program> _box = null!;
    private FakeOpenAiServer _cloud = null!;

    public async Task InitializeAsync()
    {
        _cloud = await FakeOpenAiServer.StartNewAsync();
        // DTMF caller ID arrives before the first ring, so answering on ring 1 still has it.
        _box = _factory.WithWebHostBuilder(b => b.UseSetting("Hal:AnswerAfterRings", "1"));
    }

    public async Task DisposeAsync()
    {
        await _box.DisposeAsync();
        await _factory.DisposeAsync();
        await _cloud.DisposeAsync();
    }

    private HttpClient Api()
    {
        var client = _box.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", _factory.ApiKey);
        return client;
    }

    private async Task<HttpClient> ConfigureAgentOnTheAnalogLineAsync()
    {
        var api = Api();
        Assert.Equal(201, (await api.PostAsync("/v1/connections",
            $$"""{"name":"cloud","type":"openai_compatible","base_url":"{{_cloud.V1}}","api_key":"sk-test","model":"gpt-test"}""")).Status);
        var (lineStatus, line) = await api.PostAsync("/v1/connections", """{"name":"pstn","type":"analog_line"}""");
        Assert.Equal(201, lineStatus);
        var (agentStatus, agent) = await api.PostAsync("/v1/agents",
            """{"name":"front-desk","welcome_message":"Thanks for calling Acme.","interruption_sensitivity":0.2}""");
        Assert.Equal(201, agentStatus);
        var (numberStatus, number) = await api.PostAsync("/v1/phone-numbers",
            $$"""{"number":"+15550009999","agent_id":"{{agent["id"]}}","connection_id":"{{line["id"]}}"}""");
        Assert.True(numberStatus == 201, number.ToJsonString());
        return api;
    }

    [Fact]
    public async Task A_call_on_the_analog_line_is_answered_greeted_answered_and_logged_as_analog()
    {
        var api = await ConfigureAgentOnTheAnalogLineAsync();
        _cloud.TranscriptText = "What are your opening hours?";
        _cloud.ChatText = "We are open nine to five.";

        var (ring, _) = await api.PostAsync("/v1/test/board/ring", """{"caller_number":"5551234567","caller_name":"ALICE","caller_id":"dtmf"}""");
        Assert.Equal(202, ring);
        await WaitUntilAsync(async () => (await Board(api))["hook"]!.GetValue<string>() == "off_hook", "the box went off hook");
        await WaitUntilAsync(async () => Rms(await Playback(api)) > 300, "the greeting was played to the line");
        var greetingSamples = (await Playback(api)).Length;

        using (var wav = new ByteArrayContent(await File.ReadAllBytesAsync(HilAudio("caller-hello.wav"))))
        {
            wav.Headers.ContentType = new("audio/wav");
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/v1/test/board/audio", wav)).StatusCode);
        }
        await WaitUntilAsync(() => Task.FromResult(_cloud.Received.Any(r => r.Path.EndsWith("/audio/speech", StringComparison.Ordinal)
            && r.Body.Contains("nine to five", StringComparison.Ordinal))), "the reply was synthesized");
        await WaitUntilAsync(async () => Rms((await Playback(api))[greetingSamples..]) > 300, "the reply was played to the line");
        var leds = (await Board(api))["leds"]!.AsObject();
        Assert.Equal("on", leds["in_call"]!.GetValue<string>());
        // The session saves the agent's turn once it has been spoken; the caller hangs up after that.
        var store = _box.Services.GetRequiredService<ConfigurationStore>();
        await WaitUntilAsync(() => Task.FromResult(store.ListCallRecords().Single().Turns.Any(t => t.Role == "agent" && t.Text.Contains("nine to five", StringComparison.Ordinal))),
            "the reply is in the call record");

        Assert.Equal(202, (await api.PostAsync("/v1/test/board/hangup", "{}")).Status);
        await WaitUntilAsync(() => Task.FromResult(store.ListCallRecords().SingleOrDefault()?.EndedAt is not null), "the call record was closed");
        var board = await Board(api);
        Assert.Equal("on_hook", board["hook"]!.GetValue<string>());
        Assert.Equal("idle", board["line_state"]!.GetValue<string>());

        var record = store.ListCallRecords().Single();
        Assert.Equal("analog", record.Line);
        Assert.Equal("5551234567", record.CallerNumber);
        Assert.Equal("+15550009999", record.CalledNumber);
        Assert.Equal("front-desk", record.AgentName);
        Assert.Contains(record.Events, e => e.Type == "caller_id" && e.Detail == "5551234567"); // DTMF caller ID has no name
        Assert.Equal("Thanks for calling Acme.", record.Turns[0].Text);
        Assert.Contains(record.Turns, t => t.Role == "caller" && t.Text == "What are your opening hours?");
        Assert.Contains(record.Turns, t => t.Role == "agent" && t.Text.Contains("nine to five", StringComparison.Ordinal));
        Assert.Contains("LoopCurrentDropped", record.EndReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_far_end_that_leaves_with_busy_tone_ends_the_call_on_hook_by_disconnect_tone()
    {
        var api = await ConfigureAgentOnTheAnalogLineAsync();
        Assert.Equal(202, (await api.PostAsync("/v1/test/board/ring", """{"caller_id":"none"}""")).Status);
        await WaitUntilAsync(async () => (await Board(api))["line_state"]!.GetValue<string>() == "in_call", "the call is up");

        Assert.Equal(202, (await api.PostAsync("/v1/test/board/hangup", """{"tone":"busy"}""")).Status);

        var store = _box.Services.GetRequiredService<ConfigurationStore>();
        await WaitUntilAsync(() => Task.FromResult(store.ListCallRecords().SingleOrDefault()?.EndedAt is not null), "the call record was closed");
        Assert.Contains("DisconnectTone", store.ListCallRecords().Single().EndReason, StringComparison.Ordinal);
        Assert.Equal("on_hook", (await Board(api))["hook"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_test_mode_needs_an_api_key_and_names_bad_fields()
    {
        var anonymous = _box.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v1/test/board/ring", Http.Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/system/board")).StatusCode);

        var api = Api();
        var (status, problem) = await api.PostAsync("/v1/test/board/ring", """{"caller_id":"fax","caller_number":"12ab","max_rings":0}""");
        Assert.Equal(422, status);
        Assert.Equal(["caller_id", "caller_number", "max_rings"], problem.ErrorFields().Order());
        (status, problem) = await api.PostAsync("/v1/test/board/fault", """{"kind":"meteor"}""");
        Assert.Equal(422, status);
        Assert.Equal(["kind"], problem.ErrorFields());
        using var notWav = new ByteArrayContent("not a wav file at all, just text"u8.ToArray());
        var response = await api.PostAsync("/v1/test/board/audio", notWav);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("idle", (await Board(api))["line_state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_simulated_board_the_test_mode_is_absent()
    {
        await using var box = _factory.WithWebHostBuilder(b => b.UseSetting("Hal:Board", "none"));
        var api = box.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", _factory.ApiKey);

        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/v1/test/board/ring", Http.Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/v1/test/board/playback")).StatusCode);
        var (status, board) = await api.GetJsonAsync("/v1/system/board");
        Assert.Equal(200, status);
        Assert.Equal("absent", board["line_state"]!.GetValue<string>());
    }

    private static async Task<JsonObject> Board(HttpClient api) => (await api.GetJsonAsync("/v1/system/board")).Body;

    private static async Task<short[]> Playback(HttpClient api)
    {
        using var response = await api.GetAsync("/v1/test/board/playback");
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        return WavFile.Read(await response.Content.ReadAsStreamAsync(), out _);
    }

    internal static string HilAudio(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(dir, "tests", "Hil")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("tests/Hil not found above " + AppContext.BaseDirectory);
        }
        return Path.Combine(dir, "tests", "Hil", "audio", name);
    }

    /// <summary>RMS of the loudest 20 ms frame (a greeting among seconds of silence still counts).</summary>
    private static double Rms(ReadOnlySpan<short> samples)
    {
        double loudest = 0;
        for (int at = 0; at + 160 <= samples.Length; at += 160)
        {
            double sum = 0;
            foreach (short s in samples.Slice(at, 160))
            {
                sum += s * s;
            }
            loudest = Math.Max(loudest, Math.Sqrt(sum / 160));
        }
        return loudest;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(100);
        }
    }
}
