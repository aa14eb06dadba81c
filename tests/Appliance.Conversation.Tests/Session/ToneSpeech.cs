using System.Runtime.CompilerServices;
using Appliance.Conversation.Providers.Tts;

namespace Appliance.Conversation.Tests.Session;

/// <summary>Text to speech that "speaks" 100 ms of loud tone per word, instantly: deterministic timing.</summary>
internal sealed class ToneSpeech : ITextToSpeech
{
    public string Name => "tone-speech";

    public List<string> Spoken { get; } = [];

    public async IAsyncEnumerable<ReadOnlyMemory<short>> SynthesizeAsync(SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (Spoken)
        {
            Spoken.Add(request.Text);
        }
        var frames = Math.Max(1, request.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length * 5);
        var frame = new short[request.SampleRate / 50];
        for (var i = 0; i < frames; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var n = 0; n < frame.Length; n++)
            {
                frame[n] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * ((i * frame.Length) + n) / request.SampleRate));
            }
            yield return frame;
            await Task.Yield();
        }
    }
}
