using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Appliance.Conversation.Providers.Stt;

/// <summary>
/// OpenAI-compatible transcription (OpenAI, Groq, a LAN whisper server): POST {base}/audio/transcriptions
/// as multipart with the turn as a WAV file, verbose_json so that language and confidence come back.
/// </summary>
public sealed class OpenAiSpeechToText(ProviderEndpoint endpoint, HttpClient http) : BufferedSpeechToText
{
    public override string Name => endpoint.Name;

    protected internal override async Task<Transcript> TranscribeAsync(
        UtteranceBuffer utterance, SttOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        ArgumentNullException.ThrowIfNull(options);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(utterance.ToWav(options.SampleRate));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "turn.wav");
        form.Add(new StringContent(ModelFor(options.Mode)), "model");
        form.Add(new StringContent("verbose_json"), "response_format");
        if (!string.IsNullOrWhiteSpace(options.Language))
        {
            // Whisper takes ISO-639-1 ("en"), not a full tag ("en-US").
            form.Add(new StringContent(options.Language.Split('-')[0]), "language");
        }

        if (options.Keywords is { Count: > 0 } keywords)
        {
            // OpenAI has no keyword boosting; a prompt naming the words is its documented equivalent.
            form.Add(new StringContent(string.Join(", ", keywords)), "prompt");
        }

        using var request = ProviderHttp.Post(endpoint, endpoint.Resolve("audio/transcriptions"), form);
        using var response = await ProviderHttp.SendAsync(http, request, endpoint.Name, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        OpenAiTranscriptionResponse? parsed;
        try
        {
            parsed = await JsonSerializer.DeserializeAsync(body, ProviderJsonContext.Default.OpenAiTranscriptionResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ProviderException($"Endpoint '{endpoint.Name}' sent a malformed transcription.", e);
        }

        return new Transcript((parsed?.Text ?? string.Empty).Trim(), parsed?.Language, Confidence(parsed?.Segments));
    }

    private string ModelFor(SttMode mode) =>
        (mode == SttMode.Accurate ? endpoint.AccurateModel : null) ?? endpoint.Model ?? "whisper-1";

    // Whisper reports each segment's mean token log-probability; exp of their mean is a 0..1 confidence.
    private static double? Confidence(IReadOnlyList<OpenAiTranscriptionSegment>? segments)
    {
        if (segments is null || segments.Count == 0)
        {
            return null;
        }

        double sum = 0;
        foreach (var segment in segments)
        {
            sum += segment.AvgLogprob;
        }

        return Math.Clamp(Math.Exp(sum / segments.Count), 0, 1);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"OpenAiSpeechToText({endpoint.Name})");
}
