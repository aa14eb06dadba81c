namespace Appliance.Conversation.Providers.Stt;

/// <summary>The agent's STT mode: a fast model for snappy turns, or a slower, more accurate one.</summary>
public enum SttMode
{
    Fast,
    Accurate,
}
