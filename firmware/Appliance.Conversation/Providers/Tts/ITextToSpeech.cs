namespace Appliance.Conversation.Providers.Tts;

/// <summary>
/// Text to speech, streamed: audio comes back as fixed 20 ms frames of 16-bit mono PCM at the
/// requested rate, the first one as soon as the provider's first bytes arrive.
/// </summary>
/// <remarks>A frame is valid until the next MoveNextAsync (buffers are reused); copy it to keep it.</remarks>
public interface ITextToSpeech
{
    /// <summary>Endpoint name for reports.</summary>
    string Name { get; }

    IAsyncEnumerable<ReadOnlyMemory<short>> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken);
}
