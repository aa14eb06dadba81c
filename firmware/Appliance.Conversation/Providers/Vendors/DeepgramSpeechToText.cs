using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Appliance.Conversation.Providers.Stt;

namespace Appliance.Conversation.Providers.Vendors;

/// <summary>
/// Deepgram pre-recorded transcription: POST {base}/listen with the turn as a WAV body. Keywords are
/// sent as keyterm (Nova-3, Flux) or weighted keywords (older models); no language means detect it.
/// </summary>
public sealed class DeepgramSpeechToText(ProviderEndpoint endpoint, HttpClient http) : BufferedSpeechToText
{
    public static readonly Uri DefaultBase = new("https://api.deepgram.com/v1/");

    public override string Name => endpoint.Name;

    protected internal override async Task<Transcript> TranscribeAsync(
        UtteranceBuffer utterance, SttOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        ArgumentNullException.ThrowIfNull(options);
        var model = (options.Mode == SttMode.Accurate ? endpoint.AccurateModel : null) ?? endpoint.Model ?? "nova-3";
        using var content = new ByteArrayContent(utterance.ToWav(options.SampleRate));
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var request = ProviderHttp.Post(endpoint, endpoint.Resolve("listen" + Query(model, options), DefaultBase), content, scheme: "Token");
        using var response = await ProviderHttp.SendAsync(http, request, endpoint.Name, cancellationToken).ConfigureAwait(false);
        DeepgramResponse? parsed;
        try
        {
            parsed = await JsonSerializer.DeserializeAsync(
                await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                ProviderJsonContext.Default.DeepgramResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ProviderException($"Endpoint '{endpoint.Name}' sent a malformed transcription.", e);
        }

        var channel = parsed?.Results?.Channels is { Count: > 0 } channels ? channels[0] : null;
        var best = channel?.Alternatives is { Count: > 0 } alternatives ? alternatives[0] : null;
        return new Transcript((best?.Transcript ?? string.Empty).Trim(), channel?.DetectedLanguage ?? options.Language, best?.Confidence);
    }

    private static string Query(string model, SttOptions options)
    {
        var query = new StringBuilder("?smart_format=true&model=").Append(Uri.EscapeDataString(model));
        query.Append(options.Language is { Length: > 0 } language
            ? "&language=" + Uri.EscapeDataString(language)
            : "&detect_language=true");
        var keyterms = model.StartsWith("nova-3", StringComparison.Ordinal) || model.StartsWith("flux", StringComparison.Ordinal);
        foreach (var keyword in options.Keywords ?? [])
        {
            query.Append(keyterms ? "&keyterm=" : "&keywords=").Append(Uri.EscapeDataString(keyterms ? keyword : keyword + ":2"));
        }

        return query.ToString();
    }
}
