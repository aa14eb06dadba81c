using Appliance.Conversation.Providers.Local;
using Appliance.Conversation.Providers.Stt;
using Appliance.Conversation.Providers.Tts;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Providers;

/// <summary>
/// The three provider chains of one call, each ending in degraded mode, and the call's message
/// taker (the LLM of last resort), whose <see cref="MessageTakerChatClient.Taken"/> goes into the call record.
/// </summary>
public sealed record CallProviders(
    ISpeechToText SpeechToText,
    IChatClient Language,
    ITextToSpeech TextToSpeech,
    MessageTakerChatClient MessageTaker);
