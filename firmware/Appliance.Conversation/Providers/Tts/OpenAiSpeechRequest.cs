namespace Appliance.Conversation.Providers.Tts;

/// <summary>Body of POST /v1/audio/speech.</summary>
internal sealed record OpenAiSpeechRequest(
    string Model,
    string Input,
    string Voice,
    string ResponseFormat,
    double Speed,
    string? Instructions);
