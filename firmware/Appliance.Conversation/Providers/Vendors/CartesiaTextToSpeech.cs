using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Appliance.Conversation.Providers.Audio;
using Appliance.Conversation.Providers.Tts;

namespace Appliance.Conversation.Providers.Vendors;

/// <summary>
/// Cartesia TTS: POST {base}/tts/bytes asking for raw 16-bit PCM at the call's own rate (Cartesia
/// offers 8, 16, 22.05, 24, 44.1 and 48 kHz), so no resampling is needed for a call.
/// </summary>
public sealed class CartesiaTextToSpeech(ProviderEndpoint endpoint, HttpClient http) : ITextToSpeech
{
    public const string ApiVersion = "2025-04-16";
    public static readonly Uri DefaultBase = new("https://api.cartesia.ai/");
    private static readonly int[] Rates = [8000, 16000, 22050, 24000, 44100, 48000];

    public string Name => endpoint.Name;

    public async IAsyncEnumerable<ReadOnlyMemory<short>> SynthesizeAsync(
        SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rate = Array.IndexOf(Rates, request.SampleRate) >= 0 ? request.SampleRate : 16000;
        var voice = request.Voice ?? endpoint.Voice ?? throw new ProviderException($"Endpoint '{endpoint.Name}' has no voice id.");
        var body = new CartesiaRequest(
            endpoint.Model ?? "sonic-2",
            request.Text,
            new CartesiaVoice("id", voice),
            new CartesiaOutputFormat("raw", "pcm_s16le", rate),
            request.Language?.Split('-')[0],
            // Only sent when asked for: normal speed needs no generation config.
            Math.Abs(request.Speed - 1.0) < 0.01 ? null : new CartesiaGenerationConfig(Math.Clamp(request.Speed, 0.6, 1.5)));
        using var content = JsonContent.Create(body, ProviderJsonContext.Default.CartesiaRequest);
        using var message = ProviderHttp.Post(endpoint, endpoint.Resolve("tts/bytes", DefaultBase), content);
        message.Headers.Add("Cartesia-Version", ApiVersion);
        using var response = await ProviderHttp.SendAsync(http, message, endpoint.Name, cancellationToken).ConfigureAwait(false);
        var audio = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var frame in PcmFrameReader.ReadFramesAsync(audio, rate, request.SampleRate, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }
}
