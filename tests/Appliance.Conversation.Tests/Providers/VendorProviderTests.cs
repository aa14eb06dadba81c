using System.Text.Json.Nodes;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Stt;
using Appliance.Conversation.Providers.Tts;
using Appliance.Conversation.Providers.Vendors;
using Appliance.Conversation.Tests.Fakes;

namespace Appliance.Conversation.Tests.Providers;

/// <summary>Deepgram, Cartesia and ElevenLabs clients against a local server speaking their wire formats.</summary>
public sealed class VendorProviderTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private FakeVendorServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeVendorServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    private ProviderEndpoint Endpoint(ProviderKind kind, string path, string key) => new()
    {
        Name = kind.ToString(), Kind = kind, BaseUrl = new Uri(_server.BaseAddress, path), ApiKey = key,
    };

    [Fact]
    public async Task Deepgram_transcribes_with_keyterms_and_detects_the_language()
    {
        var stt = new DeepgramSpeechToText(Endpoint(ProviderKind.Deepgram, "v1/", "dg-key") with { Model = "nova-3" }, _http);
        var audio = TestAudio.Tone(16000, 500, 0.5);

        var transcript = await stt.TranscribeAsync(audio, new SttOptions(16000, Keywords: ["Zorblax", "Acme Inc"]), CancellationToken.None);

        Assert.Equal("book a table for two", transcript.Text);
        Assert.Equal("en", transcript.Language);
        Assert.Equal(0.93, transcript.Confidence);
        var (path, headers, _, bytes) = Assert.Single(_server.Received);
        Assert.Equal("/v1/listen?smart_format=true&model=nova-3&detect_language=true&keyterm=Zorblax&keyterm=Acme%20Inc", path);
        Assert.Equal("audio/wav", headers["Content-Type"]);
        Assert.Equal(44 + audio.Length * 2, bytes);
    }

    [Fact]
    public async Task Deepgram_with_an_older_model_and_a_language_sends_weighted_keywords()
    {
        var stt = new DeepgramSpeechToText(Endpoint(ProviderKind.Deepgram, "v1/", "dg-key") with { Model = "nova-2" }, _http);

        await stt.TranscribeAsync(new short[1600], new SttOptions(8000, "en-GB", ["Acme"]), CancellationToken.None);

        Assert.EndsWith("model=nova-2&language=en-GB&keywords=Acme%3A2", Assert.Single(_server.Received).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deepgram_rejecting_the_key_is_a_provider_error()
    {
        var stt = new DeepgramSpeechToText(Endpoint(ProviderKind.Deepgram, "v1/", "wrong"), _http);

        var error = await Assert.ThrowsAsync<ProviderException>(() => stt.TranscribeAsync(new short[160], new SttOptions(8000), CancellationToken.None));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cartesia_streams_raw_pcm_at_the_call_rate()
    {
        var tts = new CartesiaTextToSpeech(Endpoint(ProviderKind.Cartesia, "", "ct-key") with { Voice = "voice-123" }, _http);

        var (samples, lengths) = await TestAudio.CollectAsync(tts.SynthesizeAsync(new SpeechRequest("Thanks for calling Acme.", 8000) { Speed = 1.2, Language = "en-US" }, CancellationToken.None));

        Assert.All(lengths, length => Assert.Equal(160, length));
        Assert.True(samples.Length / 8000.0 > 0.8 && TestAudio.Rms(samples) > 300);
        var (path, headers, body, _) = Assert.Single(_server.Received);
        Assert.Equal("/tts/bytes", path);
        Assert.Equal("Bearer ct-key", headers["Authorization"]);
        Assert.Equal(CartesiaTextToSpeech.ApiVersion, headers["Cartesia-Version"]);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("voice-123", json["voice"]!["id"]!.GetValue<string>());
        Assert.Equal("pcm_s16le", json["output_format"]!["encoding"]!.GetValue<string>());
        Assert.Equal(8000, json["output_format"]!["sample_rate"]!.GetValue<int>());
        Assert.Equal("en", json["language"]!.GetValue<string>());
        Assert.Equal(1.2, json["generation_config"]!["speed"]!.GetValue<double>());
    }

    [Fact]
    public async Task ElevenLabs_streams_pcm_with_ipa_pronunciations_as_phoneme_tags()
    {
        var tts = new ElevenLabsTextToSpeech(Endpoint(ProviderKind.ElevenLabs, "v1/", "el-key") with { Voice = "Rachel" }, _http);
        var request = new SpeechRequest("Welcome to Nguyen & Sons.", 8000)
        {
            Pronunciations = new Dictionary<string, string> { ["nguyen"] = "wɪn" },
        };

        var (samples, lengths) = await TestAudio.CollectAsync(tts.SynthesizeAsync(request, CancellationToken.None));

        Assert.All(lengths, length => Assert.Equal(160, length));
        Assert.True(samples.Length / 8000.0 > 0.8 && TestAudio.Rms(samples) > 300);
        var (path, headers, body, _) = Assert.Single(_server.Received);
        Assert.Equal("/v1/text-to-speech/Rachel/stream?output_format=pcm_16000", path);
        Assert.Equal("el-key", headers["xi-api-key"]);
        Assert.Equal("Welcome to <phoneme alphabet=\"ipa\" ph=\"wɪn\">Nguyen</phoneme> & Sons.", JsonNode.Parse(body)!["text"]!.GetValue<string>());
    }
}
