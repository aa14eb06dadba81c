namespace Appliance.Conversation.Providers.Vendors;

/// <summary>Body of ElevenLabs' POST /v1/text-to-speech/{voice_id}/stream.</summary>
internal sealed record ElevenLabsRequest(string Text, string ModelId, string? LanguageCode, ElevenLabsVoiceSettings VoiceSettings);

internal sealed record ElevenLabsVoiceSettings(double Speed);
