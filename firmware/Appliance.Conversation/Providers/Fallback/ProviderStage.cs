namespace Appliance.Conversation.Providers.Fallback;

/// <summary>The stages that have a fallback chain.</summary>
public enum ProviderStage
{
    SpeechToText,
    Language,
    TextToSpeech,
    Webhook,
}
