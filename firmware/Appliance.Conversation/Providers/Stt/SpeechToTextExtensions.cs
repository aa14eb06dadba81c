namespace Appliance.Conversation.Providers.Stt;

public static class SpeechToTextExtensions
{
    /// <summary>Transcribes a whole utterance at once.</summary>
    public static async Task<Transcript> TranscribeAsync(
        this ISpeechToText speechToText,
        ReadOnlyMemory<short> utterance,
        SttOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(speechToText);
        using var turn = speechToText.StartTurn(options);
        turn.WriteFrame(utterance.Span);
        return await turn.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
