namespace Appliance.Conversation.Providers;

/// <summary>Which wire protocol an endpoint speaks.</summary>
public enum ProviderKind
{
    OpenAiCompatible,
    Deepgram,
    Cartesia,
    ElevenLabs,
    Local,
}
