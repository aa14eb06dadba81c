using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using Appliance.Conversation.Providers.Audio;
using Appliance.Conversation.Providers.Tts;

namespace Appliance.Conversation.Providers.Vendors;

/// <summary>
/// ElevenLabs TTS: POST {base}/text-to-speech/{voice_id}/stream?output_format=pcm_16000 (xi-api-key
/// header), read as it streams. Pronunciations become SSML phoneme tags with the IPA, which
/// ElevenLabs honours on its English models.
/// </summary>
public sealed class ElevenLabsTextToSpeech(ProviderEndpoint endpoint, HttpClient http) : ITextToSpeech
{
    public static readonly Uri DefaultBase = new("https://api.elevenlabs.io/v1/");
    private const int Rate = 16000;

    public string Name => endpoint.Name;

    public async IAsyncEnumerable<ReadOnlyMemory<short>> SynthesizeAsync(
        SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var voice = request.Voice ?? endpoint.Voice ?? throw new ProviderException($"Endpoint '{endpoint.Name}' has no voice id.");
        var body = new ElevenLabsRequest(
            WithPronunciations(request.Text, request.Pronunciations),
            endpoint.Model ?? "eleven_flash_v2_5",
            request.Language?.Split('-')[0],
            new ElevenLabsVoiceSettings(Math.Clamp(request.Speed, 0.7, 1.2)));
        var path = $"text-to-speech/{Uri.EscapeDataString(voice)}/stream?output_format=pcm_{Rate}";
        using var content = JsonContent.Create(body, ProviderJsonContext.Default.ElevenLabsRequest);
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint.Resolve(path, DefaultBase)) { Content = content };
        if (!string.IsNullOrEmpty(endpoint.ApiKey))
        {
            message.Headers.Add("xi-api-key", endpoint.ApiKey);
        }

        using var response = await ProviderHttp.SendAsync(http, message, endpoint.Name, cancellationToken).ConfigureAwait(false);
        var audio = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var frame in PcmFrameReader.ReadFramesAsync(audio, Rate, request.SampleRate, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    /// <summary>Wraps each lexicon word (whole word, any case) in a phoneme tag; the rest of the text is left as it is.</summary>
    internal static string WithPronunciations(string text, IReadOnlyDictionary<string, string>? pronunciations)
    {
        if (pronunciations is null || pronunciations.Count == 0)
        {
            return text;
        }

        var result = text;
        foreach (var (word, ipa) in pronunciations)
        {
            if (word.Length == 0 || ipa.Length == 0)
            {
                continue;
            }

            var tag = new StringBuilder("<phoneme alphabet=\"ipa\" ph=\"").Append(SecurityElement.Escape(ipa)).Append("\">");
            result = Regex.Replace(
                result,
                $@"\b{Regex.Escape(word)}\b",
                match => tag + SecurityElement.Escape(match.Value) + "</phoneme>",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                TimeSpan.FromMilliseconds(100));
        }

        return result;
    }
}
