using Appliance.Conversation.Providers.Stt;

namespace Appliance.Conversation.Providers.Local;

/// <summary>
/// Degraded STT: no transcription is possible, so every turn yields <see cref="Transcript.None"/>.
/// The call session keeps recording the caller, and the message taker moves on turn by turn:
/// the recording is the message.
/// </summary>
public sealed class NoSpeechToText : ISpeechToText
{
    public string Name => "local-none";

    public ISpeechToTextTurn StartTurn(SttOptions options) => new Turn();

    private sealed class Turn : ISpeechToTextTurn
    {
        public void WriteFrame(ReadOnlySpan<short> frame)
        {
            // Nothing to transcribe with; the session records the audio itself.
        }

        public Task<Transcript> CompleteAsync(CancellationToken cancellationToken) => Task.FromResult(Transcript.None);

        public void Dispose()
        {
        }
    }
}
