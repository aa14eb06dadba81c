using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Conversation.Tests.Fakes;

namespace Appliance.Conversation.Tests.Session;

/// <summary>
/// Per-turn language on a live call through the fake cloud: the language the transcription reports
/// (multilingual auto) or switch_language changes what the next speech requests ask for, and every
/// turn records its language.
/// </summary>
public sealed class LanguageSessionTests : IAsyncLifetime
{
    private LiveCallBox _box = null!;

    public async Task InitializeAsync() => _box = await LiveCallBox.StartAsync();

    public async Task DisposeAsync() => await _box.DisposeAsync();

    private static Agent Agent(string mode) => new()
    {
        Id = "agent-lang", Name = "lang-bot", WelcomeMessage = "Hello.", NoInputPokeSec = null, NoInputEndConversationSec = 60,
        InterruptionSensitivity = 0.2, DefaultLanguage = "en", AdditionalLanguages = ["es"], MultilingualMode = mode,
    };

    private async Task<(CallRecord Record, Task Run)> StartAsync(Agent agent)
    {
        var record = new CallRecord { Id = "call-" + Guid.NewGuid().ToString("N"), StartedAt = DateTimeOffset.UtcNow };
        _box.Store.SaveCallRecord(record);
        var run = _box.Coordinator().RunAsync(_box.Line, agent, record, CancellationToken.None);
        await LiveCallBox.WaitUntilAsync(() => record.Turns.Count >= 1);
        return (record, run);
    }

    private async Task<CallRecord> HangUpAsync(CallRecord record, Task run)
    {
        _box.Line.CallerHangsUp();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
        return _box.Store.GetCallRecord(record.Id)!;
    }

    private string SpeechInstructionsFor(string text) =>
        _box.Cloud.Received.Last(r => r.Path == "/v1/audio/speech" && JsonNode.Parse(r.Body)!["input"]!.GetValue<string>().Trim() == text)
            .Body is var body ? JsonNode.Parse(body)!["instructions"]?.GetValue<string>() ?? "" : "";

    [Fact]
    public async Task In_auto_mode_a_detected_additional_language_becomes_the_agents_for_the_next_turns()
    {
        _box.Cloud.TranscriptLanguage = "spanish";
        _box.Cloud.TranscriptText = "Quisiera hablar con ventas";
        _box.Cloud.ChatText = "Claro, un momento.";
        var (record, run) = await StartAsync(Agent(MultilingualModes.Auto));
        _box.Line.Say(CallerAudio.Voice(1.2));
        await LiveCallBox.WaitUntilAsync(() => record.Turns.Exists(t => t.Role == "agent" && t.Text.Trim() == "Claro, un momento."));
        record = await HangUpAsync(record, run);

        Assert.Equal("en", record.Turns.Single(t => t.Text.Trim() == "Hello.").Language);
        Assert.Equal("es", record.Turns.Single(t => t.Role == "caller").Language);
        Assert.Equal("es", record.Turns.Single(t => t.Text.Trim() == "Claro, un momento.").Language);
        Assert.Contains("language en", SpeechInstructionsFor("Hello."), StringComparison.Ordinal);
        Assert.Contains("language es", SpeechInstructionsFor("Claro, un momento."), StringComparison.Ordinal);
        // Auto mode leaves detection to the provider: no language is imposed on the transcription.
        Assert.DoesNotContain(_box.Cloud.Received, r => r.Path == "/v1/audio/transcriptions" && r.Form.ContainsKey("language"));
    }

    [Fact]
    public async Task In_request_mode_a_detected_language_is_recorded_but_the_agent_keeps_its_own()
    {
        _box.Cloud.TranscriptLanguage = "spanish";
        var (record, run) = await StartAsync(Agent(MultilingualModes.Request));
        _box.Line.Say(CallerAudio.Voice(1.2));
        await LiveCallBox.WaitUntilAsync(() => record.Turns.Exists(t => t.Role == "agent" && t.Text.Trim() == _box.Cloud.ChatText));
        record = await HangUpAsync(record, run);

        Assert.Equal("es", record.Turns.Single(t => t.Role == "caller").Language);
        Assert.Equal("en", record.Turns.Single(t => t.Text.Trim() == _box.Cloud.ChatText).Language);
    }

    [Fact]
    public async Task switch_language_refuses_a_language_the_agent_lacks_and_switches_speech_and_transcription_to_one_it_has()
    {
        _box.Cloud.ChatScript.Enqueue(FakeChatReply.Tool("switch_language", """{"language":"fr"}"""));
        _box.Cloud.ChatScript.Enqueue(FakeChatReply.Tool("switch_language", """{"language":"es"}"""));
        _box.Cloud.ChatScript.Enqueue(new FakeChatReply("Claro."));
        var (record, run) = await StartAsync(Agent(MultilingualModes.Request));
        _box.Line.Say(CallerAudio.Voice(1.2));
        await LiveCallBox.WaitUntilAsync(() => record.Turns.Exists(t => t.Role == "agent" && t.Text.Trim() == "Claro."));
        _box.Line.Say(CallerAudio.Voice(1.2));
        await LiveCallBox.WaitUntilAsync(() => record.Turns.Exists(t => t.Role == "agent" && t.Text.Trim() == _box.Cloud.ChatText));
        record = await HangUpAsync(record, run);

        var results = record.Events.Where(e => e.Type == "tool_result").Select(e => e.Detail!).ToList();
        Assert.Contains(results, r => r.Contains("language must be one of: en, es", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Contains("speaking es", StringComparison.Ordinal));
        Assert.Equal("es", record.Turns.Single(t => t.Text.Trim() == "Claro.").Language);
        Assert.Contains("language es", SpeechInstructionsFor("Claro."), StringComparison.Ordinal);
        var transcriptions = _box.Cloud.Received.Where(r => r.Path == "/v1/audio/transcriptions").ToList();
        Assert.Equal(2, transcriptions.Count);
        Assert.Equal("en", transcriptions[0].Form["language"]);
        Assert.Equal("es", transcriptions[1].Form["language"]);
    }
}
