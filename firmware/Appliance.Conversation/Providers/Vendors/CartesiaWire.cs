namespace Appliance.Conversation.Providers.Vendors;

/// <summary>Body of Cartesia's POST /tts/bytes.</summary>
internal sealed record CartesiaRequest(
    string ModelId,
    string Transcript,
    CartesiaVoice Voice,
    CartesiaOutputFormat OutputFormat,
    string? Language,
    CartesiaGenerationConfig? GenerationConfig);

internal sealed record CartesiaVoice(string Mode, string Id);

internal sealed record CartesiaOutputFormat(string Container, string Encoding, int SampleRate);

internal sealed record CartesiaGenerationConfig(double Speed);
