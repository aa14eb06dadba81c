using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using Appliance.Conversation.Providers.Audio;

namespace Appliance.Conversation.Providers.Tts;

/// <summary>
/// OpenAI-compatible speech: POST {base}/audio/speech with response_format wav, read as it streams
/// and converted to frames at the call's rate.
/// </summary>
public sealed class OpenAiTextToSpeech(ProviderEndpoint endpoint, HttpClient http) : ITextToSpeech
{
    public string Name => endpoint.Name;

    public async IAsyncEnumerable<ReadOnlyMemory<short>> SynthesizeAsync(
        SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = endpoint.Model ?? "tts-1";
        var body = new OpenAiSpeechRequest(
            model,
            request.Text,
            request.Voice ?? endpoint.Voice ?? "alloy",
            "wav",
            Math.Clamp(request.Speed, 0.25, 4.0),
            TakesInstructions(model) ? Instructions(request.Language, request.Pronunciations) : null);
        using var content = JsonContent.Create(body, ProviderJsonContext.Default.OpenAiSpeechRequest);
        using var message = ProviderHttp.Post(endpoint, endpoint.Resolve("audio/speech"), content);
        using var response = await ProviderHttp.SendAsync(http, message, endpoint.Name, cancellationToken).ConfigureAwait(false);
        var audio = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var frame in PcmFrameReader.ReadFramesAsync(audio, null, request.SampleRate, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    // OpenAI's tts-1 / tts-1-hd models do not take the instructions field; every other model
    // (gpt-4o-mini-tts and OpenAI-compatible servers) is sent it.
    private static bool TakesInstructions(string model) => !model.StartsWith("tts-1", StringComparison.OrdinalIgnoreCase);

    // OpenAI speech has no language or lexicon parameter; its instructions field (gpt-4o-mini-tts)
    // is the way to steer both.
    private static string? Instructions(string? language, IReadOnlyDictionary<string, string>? pronunciations)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(language))
        {
            text.Append(CultureInfo.InvariantCulture, $"Speak in the language {language}.");
        }
        if (pronunciations is null || pronunciations.Count == 0)
        {
            return text.Length == 0 ? null : text.ToString();
        }

        text.Append(text.Length == 0 ? "Pronounce" : " Pronounce");
        foreach (var (word, ipa) in pronunciations)
        {
            text.Append(CultureInfo.InvariantCulture, $" \"{word}\" as /{ipa}/;");
        }

        return text.ToString();
    }
}
