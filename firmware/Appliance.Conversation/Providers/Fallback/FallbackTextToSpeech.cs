using Appliance.Conversation.Providers.Tts;

namespace Appliance.Conversation.Providers.Fallback;

/// <summary>
/// TTS through the fallback chain. A stream cut mid-sentence is spoken again whole by the next
/// endpoint (voices differ, so the cut cannot be resumed): the caller hears the sentence restart
/// rather than lose its end.
/// </summary>
public sealed class FallbackTextToSpeech(FallbackChain<ITextToSpeech> chain) : ITextToSpeech
{
    public string Name => "tts-chain";

    public IAsyncEnumerable<ReadOnlyMemory<short>> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return chain.StreamAsync((provider, token) => provider.SynthesizeAsync(request, token), cancellationToken);
    }
}
