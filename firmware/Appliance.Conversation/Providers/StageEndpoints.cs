namespace Appliance.Conversation.Providers;

/// <summary>The ordered endpoints of each stage for a call: LAN first if any, then primary and secondary cloud.</summary>
public sealed record StageEndpoints(
    IReadOnlyList<ProviderEndpoint> SpeechToText,
    IReadOnlyList<ProviderEndpoint> Language,
    IReadOnlyList<ProviderEndpoint> TextToSpeech)
{
    /// <summary>No cloud at all: the embedded default agent runs entirely in local mode.</summary>
    public static StageEndpoints None { get; } = new([], [], []);
}
