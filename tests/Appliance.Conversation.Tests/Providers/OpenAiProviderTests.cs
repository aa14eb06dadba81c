using System.Text.Json.Nodes;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Llm;
using Appliance.Conversation.Providers.Stt;
using Appliance.Conversation.Providers.Tts;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Tests.Providers;

/// <summary>Each OpenAI-compatible provider against a real local server speaking the wire protocol.</summary>
public sealed class OpenAiProviderTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    private ProviderEndpoint Endpoint => new()
    {
        Name = "fake-openai", Kind = ProviderKind.OpenAiCompatible, BaseUrl = _server.V1,
        ApiKey = "sk-test-secret", Model = "whisper-fast", AccurateModel = "whisper-large",
    };

    [Fact]
    public async Task Transcribes_a_turn_fed_as_20ms_frames()
    {
        _server.TranscriptText = "Please call me back at five";
        var stt = new OpenAiSpeechToText(Endpoint, _http);
        var tone = TestAudio.Tone(8000, 440, 1.0);
        using var turn = stt.StartTurn(new SttOptions(8000, "en-GB", ["Acme", "Zorblax"], SttMode.Accurate));
        for (var offset = 0; offset < tone.Length; offset += 160)
        {
            turn.WriteFrame(tone.AsSpan(offset, 160));
        }

        var transcript = await turn.CompleteAsync(CancellationToken.None);

        Assert.Equal("Please call me back at five", transcript.Text);
        Assert.Equal("english", transcript.Language);
        Assert.Equal(Math.Exp(-0.2), transcript.Confidence!.Value, 6);
        var request = Assert.Single(_server.Received);
        Assert.Equal("Bearer sk-test-secret", request.Authorization);
        Assert.Equal("whisper-large", request.Form["model"]);
        Assert.Equal("en", request.Form["language"]);
        Assert.Equal("Acme, Zorblax", request.Form["prompt"]);
        Assert.Equal(44 + tone.Length * 2, request.FileBytes);
    }

    [Fact]
    public async Task A_server_error_becomes_a_provider_exception_without_the_key()
    {
        _server.Failure = FakeFailure.ServerError;
        var stt = new OpenAiSpeechToText(Endpoint, _http);

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            stt.TranscribeAsync(new short[1600], new SttOptions(8000), CancellationToken.None));

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_chat_text_token_by_token()
    {
        _server.ChatText = "Our office opens at nine.";
        using var chat = OpenAiChatClientFactory.Create(Endpoint with { Model = "gpt-fake" }, _http);
        var updates = 0;
        var text = "";
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "When do you open?")]))
        {
            updates++;
            text += update.Text;
        }

        Assert.Equal("Our office opens at nine.", text.Trim());
        Assert.True(updates >= 5, $"expected one update per word, got {updates}");
        var body = JsonNode.Parse(Assert.Single(_server.Received).Body)!;
        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.Equal("gpt-fake", body["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streams_a_tool_call_whose_arguments_arrive_in_pieces()
    {
        _server.ChatToolCall = ("transfer_call", """{"target":"sales desk"}""");
        using var chat = OpenAiChatClientFactory.Create(Endpoint, _http);
        var tool = AIFunctionFactory.CreateDeclaration(
            "transfer_call", "Transfers the caller.",
            System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"target":{"type":"string"}},"required":["target"]}""").RootElement);
        var calls = new List<FunctionCallContent>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Sales please")], new ChatOptions { Tools = [tool] }))
        {
            calls.AddRange(update.Contents.OfType<FunctionCallContent>());
        }

        var call = Assert.Single(calls);
        Assert.Equal("transfer_call", call.Name);
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("sales desk", call.Arguments!["target"]!.ToString());
        var sentTools = JsonNode.Parse(Assert.Single(_server.Received).Body)!["tools"]!.AsArray();
        Assert.Equal("transfer_call", sentTools[0]!["function"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Speech_streams_real_audio_as_8kHz_20ms_frames()
    {
        var tts = new OpenAiTextToSpeech(Endpoint with { Model = "tts-1", Voice = "nova" }, _http);

        var (samples, lengths) = await TestAudio.CollectAsync(
            tts.SynthesizeAsync(new SpeechRequest("Hello, you have reached the front desk.", 8000) { Speed = 1.25, Language = "en" }, CancellationToken.None));

        Assert.All(lengths, length => Assert.Equal(160, length));
        Assert.InRange(samples.Length / 8000.0, 1.0, 6.0);
        Assert.True(TestAudio.Rms(samples) > 300, "speech should not be silence");
        var body = JsonNode.Parse(Assert.Single(_server.Received).Body)!;
        Assert.Equal("nova", body["voice"]!.GetValue<string>());
        Assert.Equal("wav", body["response_format"]!.GetValue<string>());
        Assert.Equal(1.25, body["speed"]!.GetValue<double>());
        // tts-1 does not take instructions: the language is not sent to it.
        Assert.Null(body["instructions"]);
    }
}
