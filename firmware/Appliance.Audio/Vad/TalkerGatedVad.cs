using Appliance.Audio.Denoise;

namespace Appliance.Audio.Vad;

/// <summary>
/// A classifier for lines with background talkers: the inner classifier's speech probability
/// (Silero hears babble and distant talkers as speech, rightly) scaled by a level gate that only
/// opens when the frame rises a margin above the background level (the low percentile of the
/// frame levels, which sits at the babble during the caller's pauses), and holds open for a while so
/// the quiet ends of words stay speech. The caller close to the phone is louder than the talkers
/// behind; this is the VAD counterpart of the denoiser's background-speech mode. Defaults measured on
/// the issue 5 babble set (docs/audio.md); they cost recall in steady noise, so use it only in the
/// background-speech mode. No allocation.
/// </summary>
public sealed class TalkerGatedVad : IVoiceActivityClassifier, IDisposable
{
    private readonly IVoiceActivityClassifier _inner;
    private readonly LevelGate _gate;

    /// <param name="closedMarginDb">Margin over the background below which the frame is not the caller.</param>
    /// <param name="openMarginDb">Margin at which the gate is fully open.</param>
    /// <param name="holdFrames">20 ms frames the gate stays open after the last loud frame.</param>
    public TalkerGatedVad(IVoiceActivityClassifier inner, float closedMarginDb = 7f, float openMarginDb = 10f, int holdFrames = 20)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _gate = new LevelGate(closedMarginDb, openMarginDb, holdFrames);
    }

    public int SampleRate => _inner.SampleRate;

    public int FrameSamples => _inner.FrameSamples;

    public float Classify(ReadOnlySpan<short> frame)
    {
        float p = _inner.Classify(frame);
        double sum = 1e-3;
        foreach (short s in frame)
        {
            sum += s * s;
        }
        return p * _gate.UpdateLevel(10f * MathF.Log10((float)(sum / frame.Length)));
    }

    public void Reset()
    {
        _inner.Reset();
        _gate.Reset();
    }

    /// <summary>Disposes the inner classifier (a Silero binding) when it is disposable.</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
