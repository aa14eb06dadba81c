namespace Appliance.Conversation.Providers.Stt;

/// <summary>Body of /v1/audio/transcriptions with response_format=verbose_json (only the fields we use).</summary>
internal sealed record OpenAiTranscriptionResponse(
    string? Text,
    string? Language,
    IReadOnlyList<OpenAiTranscriptionSegment>? Segments);

internal sealed record OpenAiTranscriptionSegment(double AvgLogprob);
