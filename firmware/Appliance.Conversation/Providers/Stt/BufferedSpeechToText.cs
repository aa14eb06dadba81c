namespace Appliance.Conversation.Providers.Stt;

/// <summary>Base of REST providers: the turn's frames are buffered and sent in one request at its end.</summary>
public abstract class BufferedSpeechToText : ISpeechToText
{
    public abstract string Name { get; }

    public ISpeechToTextTurn StartTurn(SttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SampleRate, 4000);
        return new Turn(this, options);
    }

    /// <summary>Transcribes the whole utterance.</summary>
    protected internal abstract Task<Transcript> TranscribeAsync(
        UtteranceBuffer utterance, SttOptions options, CancellationToken cancellationToken);

    private sealed class Turn(BufferedSpeechToText owner, SttOptions options) : ISpeechToTextTurn
    {
        private readonly UtteranceBuffer _buffer = new();

        public void WriteFrame(ReadOnlySpan<short> frame) => _buffer.Write(frame);

        public Task<Transcript> CompleteAsync(CancellationToken cancellationToken) =>
            owner.TranscribeAsync(_buffer, options, cancellationToken);

        public void Dispose() => _buffer.Dispose();
    }
}
