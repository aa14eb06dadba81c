namespace Appliance.Conversation.Providers.Stt;

/// <summary>
/// Speech to text. A turn is started, fed 20 ms PCM frames as the caller speaks, and completed at
/// the end of speech; a REST provider sends the utterance then, a streaming one as it goes.
/// </summary>
public interface ISpeechToText
{
    /// <summary>Endpoint name for reports.</summary>
    string Name { get; }

    ISpeechToTextTurn StartTurn(SttOptions options);
}

/// <summary>One caller turn being transcribed. Not thread-safe: one writer.</summary>
public interface ISpeechToTextTurn : IDisposable
{
    /// <summary>Adds a frame (16-bit mono at the options' rate). The span is copied.</summary>
    void WriteFrame(ReadOnlySpan<short> frame);

    /// <summary>Ends the turn and returns what was said.</summary>
    Task<Transcript> CompleteAsync(CancellationToken cancellationToken);
}
