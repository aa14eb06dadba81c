using Appliance.Conversation.Providers.Stt;

namespace Appliance.Conversation.Providers.Fallback;

/// <summary>
/// STT through the fallback chain. The turn's frames are kept so that the utterance can be sent
/// again, whole, to the next endpoint when one fails.
/// </summary>
public sealed class FallbackSpeechToText(FallbackChain<ISpeechToText> chain) : ISpeechToText
{
    public string Name => "stt-chain";

    public ISpeechToTextTurn StartTurn(SttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Turn(chain, options);
    }

    private sealed class Turn(FallbackChain<ISpeechToText> chain, SttOptions options) : ISpeechToTextTurn
    {
        private readonly UtteranceBuffer _buffer = new();

        public void WriteFrame(ReadOnlySpan<short> frame) => _buffer.Write(frame);

        public Task<Transcript> CompleteAsync(CancellationToken cancellationToken) =>
            chain.ExecuteAsync(
                (provider, token) => provider.TranscribeAsync(_buffer.Samples, options, token),
                cancellationToken);

        public void Dispose() => _buffer.Dispose();
    }
}
